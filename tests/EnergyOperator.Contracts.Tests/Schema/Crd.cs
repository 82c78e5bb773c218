using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Schema;
using YamlDotNet.RepresentationModel;

namespace EnergyOperator.Contracts.Tests.Schema;

/// <summary>The generated CRD read back from its YAML (what kubectl would read), and the repository it is committed in.</summary>
internal static class Crd
{
    private static readonly Lazy<string> LazyYaml = new(EnergyBenchmarkCrd.ToYaml);

    public static string Yaml => LazyYaml.Value;

    public static JsonObject Document => Assert.IsType<JsonObject>(Assert.Single(ParseYaml(Yaml)));

    public static JsonObject OpenApiSchema => Document["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    public static string RepositoryRoot =>
        CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No EnergyOperator.sln above {AppContext.BaseDirectory}: run the tests from the repository.");

    /// <summary>Node at a dotted path of property names; <c>[]</c> steps into a list's items.</summary>
    public static JsonObject At(string path) =>
        path.Split('.').Aggregate(OpenApiSchema, (node, step) => step == "[]"
            ? node["items"]!.AsObject()
            : node["properties"]?[step]?.AsObject() ?? throw new KeyNotFoundException($"{path}: no property '{step}' in the schema"));

    /// <summary>Every YAML document as JSON, typed the way <see cref="ManifestReader"/> types manifests.</summary>
    /// <remarks>Re-parsed from JSON text, so numbers read as any numeric type (a converted node keeps its CLR type).</remarks>
    public static IReadOnlyList<JsonNode?> ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => new YamlJsonConverter().Convert(d.RootNode) is { } node ? JsonNode.Parse(node.ToJsonString()) : null).ToList();
    }
}
