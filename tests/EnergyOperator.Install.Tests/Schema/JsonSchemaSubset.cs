using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EnergyOperator.Install.Tests.Schema;

/// <summary>
/// Validates JSON against the JSON Schema (draft-07) keywords values.schema.json uses: type, properties, required,
/// additionalProperties, items, enum, minimum/maximum, minLength/maxLength and pattern. Any other keyword throws, so the
/// schema cannot rely on a rule these tests would not enforce.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> Keywords =
    [
        "$schema", "title", "description", "type", "properties", "required", "additionalProperties", "items", "enum",
        "minimum", "maximum", "minLength", "maxLength", "pattern",
    ];

    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        if (schema.Select(p => p.Key).FirstOrDefault(k => !Keywords.Contains(k)) is { } unknown)
        {
            throw new NotSupportedException($"{path}: the schema keyword '{unknown}' is outside the subset the tests validate.");
        }

        var type = (string?)schema["type"];
        if (type is not null && !HasType(value, type))
        {
            problems.Add($"{path}: must be {type}, got {(value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant())}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {value?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, problems);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], items, $"{path}[{i}]", problems);
                }

                break;
            case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                var n = number.GetValue<double>();
                if (n < (double?)schema["minimum"] || n > (double?)schema["maximum"])
                {
                    problems.Add($"{path}: {n} is outside [{schema["minimum"]}, {schema["maximum"]}]");
                }

                break;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                var s = text.GetValue<string>();
                if (s.Length < (int?)schema["minLength"] || s.Length > (int?)schema["maxLength"])
                {
                    problems.Add($"{path}: length {s.Length} is outside [{schema["minLength"]}, {schema["maxLength"]}]");
                }

                if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(s, pattern))
                {
                    problems.Add($"{path}: '{s}' does not match {pattern}");
                }

                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> problems)
    {
        foreach (var name in schema["required"]?.AsArray().Select(n => (string)n!) ?? [])
        {
            if (!obj.ContainsKey(name))
            {
                problems.Add($"{path}.{name}: is required");
            }
        }

        var properties = schema["properties"]?.AsObject();
        foreach (var (name, child) in obj)
        {
            switch (properties?[name], schema["additionalProperties"])
            {
                case (JsonObject property, _):
                    Check(child, property, $"{path}.{name}", problems);
                    break;
                case (_, JsonObject values):
                    Check(child, values, $"{path}.{name}", problems);
                    break;
                case (_, JsonValue allowed) when !allowed.GetValue<bool>():
                    problems.Add($"{path}.{name}: unknown key");
                    break;
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value?.GetValueKind() == JsonValueKind.String,
        "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => value?.GetValueKind() == JsonValueKind.Number && double.IsInteger(value.GetValue<double>()),
        "number" => value?.GetValueKind() == JsonValueKind.Number,
        "null" => value is null,
        _ => throw new NotSupportedException($"schema type '{type}'"),
    };
}
