using System.Text.Json.Nodes;
using EnergyOperator.Testing.Schema;

namespace EnergyOperator.Kubernetes.Testing.Store;

/// <summary>
/// What a real API server does to a custom resource before it stores it: fills in the schema's defaults, prunes fields the
/// schema does not declare (the server's default field validation drops them), and refuses the object with 422 Invalid,
/// one cause per problem, when it still violates the schema. An update is held only to problems its stored version did not
/// already have, as the server's validation ratcheting does: a status write to an object stored before the schema's bounds
/// is not refused for a spec it does not touch.
/// </summary>
internal static class SchemaAdmission
{
    public static void Admit(ResourceKind kind, string name, JsonObject item, JsonObject? stored = null)
    {
        if (kind.Schema is not { } schema)
        {
            return;
        }

        DefaultAndPrune(item, schema);
        var tolerated = stored is null ? [] : SchemaValidator.Validate(stored, schema).ToHashSet(StringComparer.Ordinal);
        var problems = SchemaValidator.Validate(item, schema).Where(p => !tolerated.Contains(p)).ToList();
        if (problems.Count > 0)
        {
            throw ApiError.Invalid(kind, name, [.. problems.Select(p => p.TrimStart('.'))]);
        }
    }

    private static void DefaultAndPrune(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"]?.AsObject();
                var values = schema["additionalProperties"] as JsonObject;
                if (properties is not null)
                {
                    foreach (var (name, property) in properties)
                    {
                        if (!obj.ContainsKey(name) && property?["default"] is { } fallback)
                        {
                            obj[name] = fallback.DeepClone();
                        }
                    }

                    if (values is null && schema["x-kubernetes-preserve-unknown-fields"] is null)
                    {
                        foreach (var unknown in obj.Select(p => p.Key).Where(k => !properties.ContainsKey(k)).ToList())
                        {
                            obj.Remove(unknown);
                        }
                    }
                }

                foreach (var (name, child) in obj.ToList())
                {
                    if ((properties?[name] as JsonObject ?? values) is { } childSchema)
                    {
                        DefaultAndPrune(child, childSchema);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var item in array)
                {
                    DefaultAndPrune(item, items);
                }

                break;
        }
    }
}
