using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Serialization;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>The kinds the operator and energyctl talk to.</summary>
public static class KubernetesResources
{
    public static ResourceDescriptor<V1Pod> Pods { get; } =
        new(V1Pod.KubeGroup, V1Pod.KubeApiVersion, V1Pod.KubeKind, "pods", Namespaced: true, LibraryJson.TypeInfo<V1Pod>(), p => p.Metadata);

    public static ResourceDescriptor<Corev1Event> Events { get; } =
        new(Corev1Event.KubeGroup, Corev1Event.KubeApiVersion, Corev1Event.KubeKind, "events", Namespaced: true, LibraryJson.TypeInfo<Corev1Event>(), e => e.Metadata);

    public static ResourceDescriptor<V1Lease> Leases { get; } =
        new(V1Lease.KubeGroup, V1Lease.KubeApiVersion, V1Lease.KubeKind, "leases", Namespaced: true, LibraryJson.TypeInfo<V1Lease>(), l => l.Metadata);

    public static ResourceDescriptor<EnergyBenchmark> EnergyBenchmarks { get; } =
        new(EnergyBenchmark.Group, EnergyBenchmark.Version, EnergyBenchmark.KindValue, EnergyBenchmark.Plural, Namespaced: true,
            ContractsJsonContext.Default.EnergyBenchmark, b => b.Metadata);
}
