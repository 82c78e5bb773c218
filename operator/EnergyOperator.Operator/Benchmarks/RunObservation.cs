using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Operator.Benchmarks;

internal enum RunProgress
{
    /// <summary>Created, not yet running (scheduling, pulling images, the meter starting).</summary>
    Pending,

    Running,

    /// <summary>Final: <see cref="RunObservation.Result"/> is set, and the pod will not change it.</summary>
    Finished,
}

/// <summary>What a run's pod says about the run.</summary>
internal sealed record RunObservation(RunProgress Progress, RunResult? Result = null)
{
    public static RunObservation Pending { get; } = new(RunProgress.Pending);

    public static RunObservation Running { get; } = new(RunProgress.Running);

    public static RunObservation Finished(RunResult result) => new(RunProgress.Finished, result);
}
