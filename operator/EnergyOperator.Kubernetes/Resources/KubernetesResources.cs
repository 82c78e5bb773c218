using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Models;
using EnergyOperator.Kubernetes.Serialization;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>The kinds the operator and energyctl talk to.</summary>
public static class KubernetesResources
{
    public static ResourceDescriptor<Pod> Pods { get; } =
        new("", "v1", "Pod", "pods", Namespaced: true, KubernetesJsonContext.Default.Pod, p => p.Metadata);

    public static ResourceDescriptor<Event> Events { get; } =
        new("", "v1", "Event", "events", Namespaced: true, KubernetesJsonContext.Default.Event, e => e.Metadata);

    public static ResourceDescriptor<Lease> Leases { get; } =
        new("coordination.k8s.io", "v1", "Lease", "leases", Namespaced: true, KubernetesJsonContext.Default.Lease, l => l.Metadata);

    public static ResourceDescriptor<EnergyBenchmark> EnergyBenchmarks { get; } =
        new(EnergyBenchmark.Group, EnergyBenchmark.Version, EnergyBenchmark.KindValue, EnergyBenchmark.Plural, Namespaced: true,
            ContractsJsonContext.Default.EnergyBenchmark, b => b.Metadata);
}
