using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EnergyOperator.Testing.Schema;

/// <summary>
/// Checks a JSON value against the OpenAPI subset the CRD generator emits, the way the API server would: type, required, enum,
/// minimum/maximum, minLength/maxLength, pattern, minItems/maxItems, properties (unknown fields rejected, as kubectl's strict field
/// validation does) and additionalProperties, after defaulting. Of CEL it knows only the exactly-one-of rule the generator writes.
/// </summary>
public static partial class SchemaValidator
{
    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema, string path = "")
    {
        var problems = new List<string>();
        Check(value, schema, path, problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        var type = (string?)schema["type"];
        if (!HasType(value, type))
        {
            problems.Add($"{path}: must be {type} (got {Describe(value)})");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {value!.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (value)
        {
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckBounds(scalar.GetValue<double>(), schema, path, problems);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(scalar.GetValue<string>(), schema, path, problems);
                break;
            case JsonArray array:
                CheckCount(array.Count, (int?)schema["minItems"], (int?)schema["maxItems"], "item(s)", path, problems);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], schema["items"]!.AsObject(), $"{path}[{i}]", problems);
                }

                break;
            case JsonObject obj:
                CheckObject(obj, schema, path, problems);
                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> problems)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var name in schema["required"]?.AsArray().Select(n => (string)n!) ?? [])
        {
            // The API server fills in defaults before it validates: a defaulted field is never missing.
            if (!obj.ContainsKey(name) && properties?[name]?["default"] is null)
            {
                problems.Add($"{path}.{name}: is required");
            }
        }

        var values = schema["additionalProperties"]?.AsObject();
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject property)
            {
                Check(child, property, $"{path}.{name}", problems);
            }
            else if (values is not null)
            {
                Check(child, values, $"{path}.{name}", problems);
            }
            else if (properties is not null && schema["x-kubernetes-preserve-unknown-fields"] is null)
            {
                problems.Add($"{path}.{name}: unknown field");
            }
        }

        foreach (var validation in schema["x-kubernetes-validations"]?.AsArray() ?? [])
        {
            var rule = (string)validation!["rule"]!;
            var union = ExactlyOneOfRule().Match(rule);
            if (!union.Success)
            {
                throw new NotSupportedException($"{path}: the test validator cannot evaluate the CEL rule '{rule}'; teach it the new rule shape.");
            }

            if (union.Groups["field"].Captures.Count(c => obj.ContainsKey(c.Value)) != 1)
            {
                problems.Add($"{path}: {(string?)validation["message"]}");
            }
        }
    }

    private static void CheckBounds(double number, JsonObject schema, string path, List<string> problems)
    {
        if ((double?)schema["minimum"] is { } min && (number < min || (number == min && (bool?)schema["exclusiveMinimum"] == true)))
        {
            problems.Add($"{path}: {Format(number)} is below the minimum {Format(min)}");
        }

        if ((double?)schema["maximum"] is { } max && (number > max || (number == max && (bool?)schema["exclusiveMaximum"] == true)))
        {
            problems.Add($"{path}: {Format(number)} is above the maximum {Format(max)}");
        }
    }

    private static void CheckString(string text, JsonObject schema, string path, List<string> problems)
    {
        CheckCount(text.Length, (int?)schema["minLength"], (int?)schema["maxLength"], "character(s)", path, problems);
        if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern))
        {
            problems.Add($"{path}: '{text}' does not match {pattern}");
        }
    }

    private static void CheckCount(int count, int? min, int? max, string unit, string path, List<string> problems)
    {
        if (count < min)
        {
            problems.Add($"{path}: needs at least {min} {unit} (got {count})");
        }

        if (count > max)
        {
            problems.Add($"{path}: allows at most {max} {unit} (got {count})");
        }
    }

    private static bool HasType(JsonNode? value, string? type) => type switch
    {
        null => true,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value?.GetValueKind() == JsonValueKind.String,
        "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value?.GetValueKind() == JsonValueKind.Number,
        "integer" => value?.GetValueKind() == JsonValueKind.Number && double.IsInteger(value.GetValue<double>()),
        _ => throw new NotSupportedException($"schema type '{type}'"),
    };

    private static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[(?:has\(self\.(?<field>\w+)\)(?:, )?)+\]\.filter\(x, x\)\.size\(\) == 1$")]
    private static partial Regex ExactlyOneOfRule();
}
