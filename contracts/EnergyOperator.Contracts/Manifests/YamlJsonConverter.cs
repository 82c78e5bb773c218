using System.Globalization;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EnergyOperator.Contracts.Manifests;

/// <summary>
/// Turns a YAML document into JSON with YAML 1.2 core-schema typing (plain scalars become numbers, booleans and nulls;
/// quoted scalars stay strings), recording the line of every JSON path so errors can point into the file. What JSON cannot hold
/// (a key that is not a scalar, a repeated key, a number beyond a double) becomes a problem, not an exception. A null mapping value
/// is dropped, as the API server prunes it; a null list item is a problem. Callers bound the input first (<see cref="YamlLimits"/>).
/// </summary>
internal sealed class YamlJsonConverter
{
    public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);

    public List<ValidationProblem> Problems { get; } = [];

    public JsonNode? Convert(YamlNode node, string path = "$")
    {
        Lines[path] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        Problems.Add(Problem(key.Start, path, "a mapping key must be a plain string"));
                        continue;
                    }

                    if (obj.ContainsKey(name))
                    {
                        Problems.Add(Problem(key.Start, $"{path}.{name}", "appears twice in one mapping: keep one"));
                        continue;
                    }

                    if (Convert(value, $"{path}.{name}") is { } converted)
                    {
                        obj[name] = converted;
                    }
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = Convert(sequence.Children[i], $"{path}[{i}]");
                    if (item is null)
                    {
                        Problems.Add(Problem(sequence.Children[i].Start, $"{path}[{i}]", "a list item may not be null: remove it or give it a value"));
                    }

                    array.Add(item);
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar, path);
            default:
                Problems.Add(Problem(node.Start, path, $"unsupported YAML node {node.NodeType}"));
                return null;
        }
    }

    private JsonNode? ConvertScalar(YamlScalarNode scalar, string path)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (char.IsAsciiDigit(text[^1]) && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            if (!double.IsFinite(real))
            {
                // .NET parses 1e400 as infinity, which JSON (and the API server) cannot hold.
                Problems.Add(Problem(scalar.Start, path, $"{text} is beyond the range of a number"));
                return JsonValue.Create(0);
            }

            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    private static ValidationProblem Problem(Mark at, string path, string message)
    {
        var field = path.TrimStart('$').TrimStart('.');
        return new(field.Length == 0 ? $"line {at.Line}" : $"line {at.Line}: {field}", message);
    }
}
