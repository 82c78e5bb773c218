using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Contracts.V1Alpha1;

public sealed record EnergyBenchmarkStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Running, Complete, Failed or Invalid.</summary>
    public string? Phase { get; set; }

    public IReadOnlyList<Condition> Conditions { get; set; } = [];
    public int RunsTotal { get; set; }
    public int RunsDone { get; set; }
    public double? BestAccuracy { get; set; }
    public double? TotalJoules { get; set; }
    public IReadOnlyList<RunResult> Runs { get; set; } = [];
    public BenchmarkSummary? Summary { get; set; }
}
