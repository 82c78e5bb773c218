using System.ComponentModel.DataAnnotations;

namespace EnergyOperator.Contracts.Kubernetes;

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
