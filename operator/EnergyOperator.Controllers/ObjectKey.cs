using k8s.Models;

namespace EnergyOperator.Controllers;

/// <summary>What the work queue holds: an object's namespace and name, never the object (reconcile reads the cache).</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey Of(V1ObjectMeta metadata) => new(metadata.NamespaceProperty, metadata.Name ?? throw new ArgumentException("object has no name", nameof(metadata)));

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
