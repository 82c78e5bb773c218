using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Contracts.Serialization;

/// <summary>Source-generated JSON for every contract, with Kubernetes' conventions (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(EnergyBenchmark))]
[JsonSerializable(typeof(BenchmarkReport))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(WindowMeasurement))]
[JsonSerializable(typeof(MeterSourceStatus))]
public sealed partial class ContractsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For manifests a person wrote: an unknown field is an error (a typo), not silently dropped; names match exactly, as the API
    /// server matches them (<c>Models:</c> is not <c>models:</c>); a number is a number, never a quoted string.
    /// </summary>
    /// <remarks>Lazy: static initializers of partial classes run in no defined order, and <c>Default</c> is generated elsewhere.</remarks>
    public static JsonSerializerOptions Strict => LazyStrict.Value;

    private static readonly Lazy<JsonSerializerOptions> LazyStrict = new(CreateStrict);

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(Default.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly();
        return options;
    }
}
