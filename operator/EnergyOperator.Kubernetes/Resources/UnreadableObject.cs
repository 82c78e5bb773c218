using System.Text.Json;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>
/// An object the server sent that the typed model cannot read, e.g. an integer beyond int32 stored before the CRD had
/// bounds. Lists and watches hand it over beside the readable objects instead of failing whole, so that one bad object
/// cannot hide all the others.
/// </summary>
/// <param name="Metadata">The identity read from the raw JSON: name, namespace, uid, resourceVersion and generation where present.</param>
/// <param name="Error">Why the typed read failed: the serializer's message, which names the JSON path.</param>
public sealed record UnreadableObject(V1ObjectMeta Metadata, string Error)
{
    internal static UnreadableObject From(JsonElement item, string error)
    {
        var metadata = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var meta) ? meta : default;
        return new UnreadableObject(
            new V1ObjectMeta
            {
                Name = StringAt(metadata, "name"),
                NamespaceProperty = StringAt(metadata, "namespace"),
                Uid = StringAt(metadata, "uid"),
                ResourceVersion = StringAt(metadata, "resourceVersion"),
                Generation = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("generation", out var generation)
                    && generation.TryGetInt64(out var value) ? value : null,
            },
            error);
    }

    private static string? StringAt(JsonElement metadata, string property) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
