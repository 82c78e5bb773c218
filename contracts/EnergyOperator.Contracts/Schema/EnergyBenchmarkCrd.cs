using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using k8s;
using k8s.Models;

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
    public static JsonNode ToJson() => JsonNode.Parse(KubernetesJson.Serialize(Create()))!;

    internal static V1CustomResourceDefinition Create() => new()
    {
        ApiVersion = $"{V1CustomResourceDefinition.KubeGroup}/{V1CustomResourceDefinition.KubeApiVersion}",
        Kind = V1CustomResourceDefinition.KubeKind,
        Metadata = new V1ObjectMeta { Name = $"{EnergyBenchmark.Plural}.{EnergyBenchmark.Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = EnergyBenchmark.Group,
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = EnergyBenchmark.KindValue,
                ListKind = EnergyBenchmark.KindValue + "List",
                Plural = EnergyBenchmark.Plural,
                Singular = EnergyBenchmark.KindValue.ToLowerInvariant(),
                ShortNames = ["ebench"],
                // Not "all": `kubectl get all` lists workloads, and a benchmark owns pods that already show there.
                Categories = ["energy"],
            },
            Scope = "Namespaced",
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = EnergyBenchmark.Version,
                    Served = true,
                    Storage = true,
                    // Only status: the operator writes it through /status, so users' applies never overwrite it. {} enables it.
                    Subresources = new V1CustomResourceSubresources { Status = new JsonObject() },
                    AdditionalPrinterColumns =
                    [
                        Column("Phase", "string", ".status.phase"),
                        Column("Best-Accuracy", "number", ".status.bestAccuracy"),
                        Column("Joules", "number", ".status.totalJoules"),
                        Column("Runs", "integer", ".status.runsDone"),
                        Column("Total", "integer", ".status.runsTotal"),
                        Column("Age", "date", ".metadata.creationTimestamp"),
                    ],
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = RootSchema() },
                },
            ],
        },
    };

    private static V1CustomResourceColumnDefinition Column(string name, string type, string jsonPath) =>
        new() { Name = name, Type = type, JsonPath = jsonPath };

    /// <summary>
    /// The whole object: only <c>spec</c> gets defaults; <c>apiVersion</c> and <c>kind</c> are set by clients and <c>status</c> is written
    /// whole by the operator.
    /// </summary>
    private static V1JSONSchemaProps RootSchema()
    {
        var generator = new OpenApiSchemaGenerator(ContractsJsonContext.Default.Options);
        var root = generator.Describe(typeof(EnergyBenchmark), withDefaults: false);
        var spec = generator.Describe(typeof(EnergyBenchmarkSpec), withDefaults: true);
        spec.Description = root.Properties!["spec"].Description;
        root.Properties["spec"] = spec;
        return root;
    }
}
