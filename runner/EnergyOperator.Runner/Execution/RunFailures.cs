using EnergyOperator.Contracts.Results;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution;

/// <summary>How the runner names a failure of its own (see <see cref="RunFailureReasons"/>).</summary>
internal static class RunFailures
{
    /// <summary><c>MeterFailed</c> when a sensor or the sidecar failed, else <c>RunnerFailed</c>.</summary>
    public static string ReasonOf(Exception failure) => failure is EnergyMeasurementException ? RunFailureReasons.MeterFailed : RunFailureReasons.RunnerFailed;
}
