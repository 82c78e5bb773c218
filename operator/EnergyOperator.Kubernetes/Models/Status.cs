using System.Text.Json.Serialization;

namespace EnergyOperator.Kubernetes.Models;

/// <summary>A <c>metav1.Status</c>: the body of every API error and of some delete responses.</summary>
public sealed record Status
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Status";
    public ListMeta? Metadata { get; set; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    public string? Message { get; set; }
    public string? Reason { get; set; }
    public StatusDetails? Details { get; set; }
    public int Code { get; set; }
}

public sealed record StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public IReadOnlyList<StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>One reason a request was rejected; <see cref="Field"/> is the JSON path for validation errors (422).</summary>
public sealed record StatusCause(string? Reason, string? Message, string? Field);

public sealed record ListMeta
{
    public string? ResourceVersion { get; set; }
    public string? Continue { get; set; }
    public long? RemainingItemCount { get; set; }
}
