using System.ComponentModel.DataAnnotations;

namespace EnergyOperator.Contracts.Kubernetes;

/// <summary>The subset of Kubernetes <c>ObjectMeta</c> this project reads and writes.</summary>
public sealed record ObjectMeta
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTimeOffset? CreationTimestamp { get; set; }
    public DateTimeOffset? DeletionTimestamp { get; set; }
    public IReadOnlyDictionary<string, string>? Labels { get; set; }
    public IReadOnlyDictionary<string, string>? Annotations { get; set; }
    public IReadOnlyList<string>? Finalizers { get; set; }
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; set; }
}

public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid)
{
    public bool? Controller { get; set; }
    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>A <c>metav1.Condition</c>: what <c>kubectl wait --for=condition=…</c> reads.</summary>
public sealed record Condition(string Type, string Status, string Reason, string Message)
{
    public DateTimeOffset? LastTransitionTime { get; set; }
    public long? ObservedGeneration { get; set; }
}

/// <summary>A pod toleration, as the hardware target passes it to runner pods.</summary>
public sealed record Toleration
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    [Range(0, int.MaxValue)]
    public long? TolerationSeconds { get; set; }
}
