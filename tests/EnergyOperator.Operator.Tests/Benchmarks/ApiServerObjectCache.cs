using EnergyOperator.Controllers;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;

namespace EnergyOperator.Operator.Tests.Benchmarks;

/// <summary>An always-synced cache that reads the double's store directly: what an informer shows once it has caught up.</summary>
internal sealed class ApiServerObjectCache<T>(ApiServerDouble server, ResourceDescriptor<T> descriptor) : IObjectCache<T>
    where T : class
{
    public bool HasSynced => true;

    public T? Get(ObjectKey key) => server.Get(descriptor, key.Namespace, key.Name);

    public IReadOnlyList<T> List(string? @namespace = null) => server.List(descriptor, @namespace);

    public IReadOnlyList<T> ListOwnedBy(string ownerUid) =>
        server.List(descriptor)
            .Where(item => descriptor.Metadata(item).OwnerReferences?.Any(o => o.Controller == true && o.Uid == ownerUid) == true)
            .ToList();
}
