using System.Text.Json.Serialization;
using EnergyOperator.Kubernetes.Serialization;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Models;

/// <summary>A core/v1 <c>Event</c>, what <c>kubectl describe</c> shows under an object.</summary>
public sealed record Event
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Event";
    public V1ObjectMeta Metadata { get; set; } = new();
    public ObjectReference InvolvedObject { get; set; } = new();
    public string? Reason { get; set; }
    public string? Message { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }

    public EventSource? Source { get; set; }
    public DateTimeOffset? FirstTimestamp { get; set; }
    public DateTimeOffset? LastTimestamp { get; set; }
    public int? Count { get; set; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; set; }

    public string? Action { get; set; }
    public string? ReportingComponent { get; set; }
    public string? ReportingInstance { get; set; }
}

public sealed record ObjectReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public string? FieldPath { get; set; }
}

public sealed record EventSource
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}
