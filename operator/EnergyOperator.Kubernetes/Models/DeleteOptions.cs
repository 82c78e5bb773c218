using System.Text.Json.Serialization;

namespace EnergyOperator.Kubernetes.Models;

/// <summary>The body of a DELETE: how dependents are collected and what must still hold for the delete to happen.</summary>
public sealed record DeleteOptions
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "DeleteOptions";
    public PropagationPolicy? PropagationPolicy { get; set; }
    public Preconditions? Preconditions { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<PropagationPolicy>))]
public enum PropagationPolicy
{
    Background,
    Foreground,
    Orphan,
}

/// <summary>The delete fails with 409 Conflict unless the stored object still has this uid / resourceVersion.</summary>
public sealed record Preconditions
{
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
}
