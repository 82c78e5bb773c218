using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EnergyOperator.Install.Tests.Yaml;

/// <summary>
/// YAML as Helm sees it: maps (<c>Dictionary&lt;string, object?&gt;</c>), lists (<c>List&lt;object?&gt;</c>) and typed
/// scalars (string, long, double, bool, null), plus <c>toYaml</c>'s output (keys sorted, as sigs.k8s.io/yaml writes them).
/// </summary>
internal static partial class YamlValues
{
    public static IReadOnlyList<object?> ParseDocuments(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source}: not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }

        return stream.Documents.Select(d => Convert(d.RootNode, source)).ToList();
    }

    public static object? Parse(string text, string source) => ParseDocuments(text, source) switch
    {
        [] => null,
        [var single] => single,
        _ => throw new InvalidDataException($"{source}: expected one YAML document."),
    };

    /// <summary>Helm's merge of a values file over the defaults: maps merge key by key, anything else is replaced.</summary>
    public static object? Merge(object? defaults, object? overrides)
    {
        if (defaults is not Dictionary<string, object?> baseMap || overrides is not Dictionary<string, object?> overrideMap)
        {
            return overrides;
        }

        var merged = new Dictionary<string, object?>(baseMap, StringComparer.Ordinal);
        foreach (var (key, value) in overrideMap)
        {
            merged[key] = merged.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
        }

        return merged;
    }

    /// <summary>JSON typed as the API server would read it (numbers re-parsed, so they read as any numeric type).</summary>
    public static JsonNode? ToJson(object? value) => JsonNode.Parse(ToJsonNode(value)?.ToJsonString() ?? "null");

    public static string ToYaml(object? value)
    {
        var output = new StringBuilder();
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> { Count: > 0 } or IReadOnlyList<object?> { Count: > 0 }:
                WriteBlock(value, 0, output);
                break;
            default:
                output.Append(Scalar(value)).Append('\n');
                break;
        }

        return output.ToString();
    }

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        long => "integer",
        double => "number",
        IReadOnlyDictionary<string, object?> => "map",
        IReadOnlyList<object?> => "list",
        _ => value.GetType().Name,
    };

    private static object? Convert(YamlNode node, string source) => node switch
    {
        YamlScalarNode scalar => ConvertScalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(c => Convert(c, source)).ToList(),
        YamlMappingNode mapping => mapping.Children.Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (map, pair) =>
        {
            var key = (pair.Key as YamlScalarNode)?.Value
                ?? throw new InvalidDataException($"{source}:{pair.Key.Start.Line}: map keys must be scalars.");
            return map.TryAdd(key, Convert(pair.Value, source))
                ? map
                : throw new InvalidDataException($"{source}:{pair.Key.Start.Line}: duplicate key '{key}'.");
        }),
        _ => throw new InvalidDataException($"{source}:{node.Start.Line}: aliases are not supported."),
    };

    private static object? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ when FloatPattern().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => text,
        };
    }

    private static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long n => JsonValue.Create(n),
        double d => JsonValue.Create(d),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJsonNode(p.Value)))),
        IReadOnlyList<object?> list => new JsonArray(list.Select(ToJsonNode).ToArray()),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    /// <summary>A non-empty map or list at <paramref name="indent"/>; lists under a key are not indented (go-yaml's style).</summary>
    private static void WriteBlock(object? value, int indent, StringBuilder output)
    {
        var pad = new string(' ', indent);
        if (value is IReadOnlyDictionary<string, object?> map)
        {
            foreach (var (key, child) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.Append(pad).Append(Scalar(key)).Append(':');
                WriteChild(child, child is IReadOnlyList<object?> ? indent : indent + 2, output);
            }

            return;
        }

        foreach (var item in (IReadOnlyList<object?>)value!)
        {
            // The item is written at indent + 2, then its first line's padding becomes the "- " marker.
            var start = output.Length;
            if (item is IReadOnlyDictionary<string, object?> { Count: > 0 } or IReadOnlyList<object?> { Count: > 0 })
            {
                WriteBlock(item, indent + 2, output);
                output.Remove(start, indent + 2).Insert(start, pad + "- ");
            }
            else
            {
                output.Append(pad).Append("- ").Append(Scalar(item)).Append('\n');
            }
        }
    }

    private static void WriteChild(object? child, int indent, StringBuilder output)
    {
        if (child is IReadOnlyDictionary<string, object?> { Count: > 0 } or IReadOnlyList<object?> { Count: > 0 })
        {
            output.Append('\n');
            WriteBlock(child, indent, output);
        }
        else
        {
            output.Append(' ').Append(Scalar(child)).Append('\n');
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when PlainSafe().IsMatch(s) && ConvertScalar(new YamlScalarNode(s)) is string && !Yaml11Booleans.Contains(s) => s,
        string s => JsonValue.Create(s).ToJsonString(),
        IReadOnlyDictionary<string, object?> => "{}",
        IReadOnlyList<object?> => "[]",
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    /// <summary>Words YAML 1.1 readers (go-yaml v2, behind kubectl and Helm) take for booleans.</summary>
    private static readonly HashSet<string> Yaml11Booleans = new(["y", "yes", "n", "no", "on", "off"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    /// <summary>Strings YAML reads back unchanged without quotes (numbers and booleans are excluded separately).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainSafe();
}
