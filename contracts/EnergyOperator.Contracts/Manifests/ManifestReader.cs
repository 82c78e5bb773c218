using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using EnergyOperator.Contracts.IO;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EnergyOperator.Contracts.Manifests;

/// <summary>
/// Reads EnergyBenchmark manifests (YAML or JSON, one or more documents) exactly as the API server would see them, and validates
/// them. Every problem names the file, line and field.
/// </summary>
public static partial class ManifestReader
{
    /// <summary>Reads a manifest file: strict UTF-8, at most <see cref="YamlLimits.MaxBytes"/>.</summary>
    public static async Task<IReadOnlyList<EnergyBenchmark>> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await BoundedTextFile.ReadAsync(path, YamlLimits.MaxBytes, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new ManifestException(path, [new("file", "not found: pass the manifest's path with -f")]);
        }
        catch (TextFileException e)
        {
            throw new ManifestException(path, [new(e.Line is { } line ? $"line {line}" : "file", e.Problem)]);
        }

        return Read(text, path);
    }

    public static IReadOnlyList<EnergyBenchmark> Read(string text, string source)
    {
        if (text.Length > YamlLimits.MaxBytes)
        {
            throw new ManifestException(source, [new("file", $"is larger than {YamlLimits.MaxBytes:N0} characters: a manifest is a few kilobytes")]);
        }

        var stream = new YamlStream();
        try
        {
            YamlLimits.Check(text, source);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException(source, [new($"line {e.Start.Line}", $"not valid YAML: {e.InnerException?.Message ?? Unpositioned(e)}")]);
        }

        var benchmarks = new List<EnergyBenchmark>();
        var problems = new List<ValidationProblem>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            var converter = new YamlJsonConverter();
            var node = converter.Convert(document.RootNode);
            var lines = converter.Lines;
            var kind = node is JsonObject obj && obj["kind"] is JsonValue value && value.TryGetValue<string>(out var k) ? k : null;
            if (kind != EnergyBenchmark.KindValue)
            {
                problems.Add(new($"line {document.RootNode.Start.Line}: kind", $"expected {EnergyBenchmark.KindValue} (got '{kind ?? "nothing"}')"));
                continue;
            }

            if (converter.Problems.Count > 0)
            {
                problems.AddRange(converter.Problems);
                continue;
            }

            EnergyBenchmark benchmark;
            try
            {
                benchmark = node.Deserialize((JsonTypeInfo<EnergyBenchmark>)ContractsJsonContext.Strict.GetTypeInfo(typeof(EnergyBenchmark)))!;
            }
            catch (JsonException e)
            {
                problems.Add(Describe(e, lines));
                continue;
            }

            problems.AddRange(SpecValidator.Validate(benchmark).Select(p => WithLine(p, lines)));
            benchmarks.Add(benchmark);
        }

        if (problems.Count > 0)
        {
            throw new ManifestException(source, problems);
        }

        if (benchmarks.Count == 0)
        {
            throw new ManifestException(source, [new("file", $"holds no {EnergyBenchmark.KindValue}: see examples/spam-local.yaml")]);
        }

        return benchmarks;
    }

    /// <summary>YamlDotNet prefixes its messages with the position; the problem names the line already.</summary>
    private static string Unpositioned(YamlException e) => e.Message[(e.Message.IndexOf("): ", StringComparison.Ordinal) + 1)..].TrimStart(':', ' ');

    private static ValidationProblem WithLine(ValidationProblem problem, Dictionary<string, int> lines)
    {
        // Point at the field itself, or at the nearest enclosing field the manifest does contain (a missing field's parent).
        for (var path = "$." + problem.Field; path.Length > 1; path = Parent(path))
        {
            if (lines.TryGetValue(path, out var line))
            {
                return problem with { Field = $"line {line}: {problem.Field}" };
            }
        }

        return problem;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    private static ValidationProblem Describe(JsonException e, Dictionary<string, int> lines)
    {
        var path = e.Path ?? "$";
        var field = path.TrimStart('$').TrimStart('.');
        if (UnknownMember().Match(e.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var at = field.Length == 0 ? name : field.EndsWith(name, StringComparison.Ordinal) ? field : $"{field}.{name}";
            return WithLine(new(at, "unknown field: check its spelling against `energyctl crd` or the manifest in README.md"), lines);
        }

        var message = ConvertTarget().Match(e.Message) is { Success: true } target
            ? ExpectedValue(target.Groups["type"].Value)
            : "has the wrong type";
        return WithLine(new(field.Length == 0 ? "document" : field, message), lines);
    }

    private static string ExpectedValue(string typeName)
    {
        var type = typeof(EnergyBenchmark).Assembly.GetType(typeName);
        if (type is { IsEnum: true })
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
            return $"must be one of: {string.Join(", ", names)}";
        }

        return typeName switch
        {
            "System.Int32" or "System.Int64" => "must be a whole number",
            "System.Double" => "must be a number",
            "System.Boolean" => "must be true or false",
            "System.String" => "must be a string (quote it)",
            _ when typeName.Contains("List", StringComparison.Ordinal) => "must be a list",
            _ => "must be a mapping (key: value)",
        };
    }

    [GeneratedRegex("property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"could not be converted to (?<type>[\w.`]+?)\.?\s+Path:")]
    private static partial Regex ConvertTarget();
}
