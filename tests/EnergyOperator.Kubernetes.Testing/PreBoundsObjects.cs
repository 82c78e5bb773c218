using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;

namespace EnergyOperator.Kubernetes.Testing;

/// <summary>
/// Objects as a cluster stored them before the CRD had today's bounds, which the operator's typed model cannot read. Store
/// them with <see cref="ApiServerDouble.CreateBypassingSchemaAdmission"/>: admission would refuse them now.
/// </summary>
public static class PreBoundsObjects
{
    /// <summary>The benchmark with <c>spec.dataset.seed: 3000000000</c>, beyond int32.</summary>
    public static JsonObject WithSeedBeyondInt32(EnergyBenchmark benchmark)
    {
        var item = (JsonObject)JsonSerializer.SerializeToNode(benchmark, KubernetesResources.EnergyBenchmarks.TypeInfo)!;
        item["spec"]!["dataset"]!["seed"] = 3_000_000_000L;

        // Re-read as text, as a request body would be: the store's schema checks expect parsed JSON numbers.
        return JsonNode.Parse(item.ToJsonString())!.AsObject();
    }
}
