using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Contracts.Schema;

/// <summary>
/// The EnergyBenchmark <c>CustomResourceDefinition</c>, generated from the V1Alpha1 contract types so the cluster's schema and
/// <c>energyctl</c>'s validation cannot drift apart.
/// </summary>
public static class EnergyBenchmarkCrd
{
    public const string Header = "Generated from contracts/EnergyOperator.Contracts/V1Alpha1 by `energyctl crd`; do not edit.";

    /// <summary>The CRD as YAML, byte-for-byte the same on every run and machine.</summary>
    public static string ToYaml() => YamlWriter.Write(ToJson(), Header);

    /// <summary>The CRD as a JSON object, e.g. for a test API server to validate custom resources against.</summary>
    public static JsonNode ToJson() => JsonSerializer.SerializeToNode(Create(), CrdJsonContext.Default.CustomResourceDefinition)!;

    internal static CustomResourceDefinition Create() => new(
        new CrdMetadata($"{EnergyBenchmark.Plural}.{EnergyBenchmark.Group}"),
        new CrdSpec(
            EnergyBenchmark.Group,
            new CrdNames(
                EnergyBenchmark.KindValue,
                EnergyBenchmark.KindValue + "List",
                EnergyBenchmark.Plural,
                EnergyBenchmark.KindValue.ToLowerInvariant(),
                ShortNames: ["ebench"],
                // Not "all": `kubectl get all` lists workloads, and a benchmark owns pods that already show there.
                Categories: ["energy"]),
            "Namespaced",
            [
                new CrdVersion(
                    EnergyBenchmark.Version,
                    Served: true,
                    Storage: true,
                    new CrdSubresources(new StatusSubresource()),
                    [
                        new("Phase", "string", ".status.phase"),
                        new("Best-Accuracy", "number", ".status.bestAccuracy"),
                        new("Joules", "number", ".status.totalJoules"),
                        new("Runs", "integer", ".status.runsDone"),
                        new("Total", "integer", ".status.runsTotal"),
                        new("Age", "date", ".metadata.creationTimestamp"),
                    ],
                    new CrdValidation(RootSchema())),
            ]));

    /// <summary>
    /// The whole object: only <c>spec</c> gets defaults; <c>apiVersion</c> and <c>kind</c> are set by clients and <c>status</c> is written
    /// whole by the operator.
    /// </summary>
    private static JsonSchemaProps RootSchema()
    {
        var generator = new OpenApiSchemaGenerator(ContractsJsonContext.Default.Options);
        var root = generator.Describe(typeof(EnergyBenchmark), withDefaults: false);
        var properties = new OrderedDictionary<string, JsonSchemaProps>(root.Properties!, StringComparer.Ordinal)
        {
            ["spec"] = generator.Describe(typeof(EnergyBenchmarkSpec), withDefaults: true) with { Description = root.Properties!["spec"].Description },
        };
        return root with { Properties = properties };
    }
}
