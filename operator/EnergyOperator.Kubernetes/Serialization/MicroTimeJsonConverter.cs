using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Kubernetes.Serialization;

/// <summary>
/// <c>metav1.MicroTime</c>: the API server parses it with exactly six fractional digits,
/// so the default seven-digit round-trip format would be rejected.
/// </summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset?>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override bool HandleNull => false;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value!.Value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
