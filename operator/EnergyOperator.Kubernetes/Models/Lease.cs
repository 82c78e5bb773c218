using System.Text.Json.Serialization;
using EnergyOperator.Kubernetes.Serialization;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Models;

/// <summary>A <c>coordination.k8s.io/v1</c> Lease, the lock of leader election.</summary>
public sealed record Lease
{
    public string ApiVersion { get; set; } = "coordination.k8s.io/v1";
    public string Kind { get; set; } = "Lease";
    public V1ObjectMeta Metadata { get; set; } = new();
    public LeaseSpec? Spec { get; set; }
}

public sealed record LeaseSpec
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    public int? LeaseTransitions { get; set; }
}
