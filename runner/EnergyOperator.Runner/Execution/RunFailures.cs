using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution;

/// <summary>The failed <see cref="RunResult"/> of a run and the reasons the runner gives (the operator keeps them in status).</summary>
internal static class RunFailures
{
    public const string InvalidInput = "InvalidInput";
    public const string RunnerFailed = "RunnerFailed";
    public const string MeterFailed = "MeterFailed";

    /// <summary><c>MeterFailed</c> when a sensor or the sidecar failed, else <c>RunnerFailed</c>.</summary>
    public static string ReasonOf(Exception failure) => failure is EnergyMeasurementException ? MeterFailed : RunnerFailed;

    public static RunResult Failed(RunPlan plan, string reason, string message) => new()
    {
        Name = plan.Name,
        Model = plan.Model.Name,
        Engine = plan.Engine,
        Hardware = plan.Hardware.Name,
        BatchSize = plan.BatchSize,
        Repetition = plan.Repetition,
        Outcome = RunOutcome.Failed,
        Reason = reason,
        Message = message,
    };
}
