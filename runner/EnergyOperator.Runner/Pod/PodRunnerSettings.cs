using System.Collections;
using EnergyOperator.Contracts.Planning;

namespace EnergyOperator.Runner.Pod;

/// <summary>What a runner pod tells its runner through the environment (docs/runner-pod.md).</summary>
internal sealed record PodRunnerSettings
{
    /// <summary>Overrides <see cref="RunnerPod.ResultsMountPath"/>, for running outside a pod (tests, a test kubelet).</summary>
    public const string ResultsDirectoryEnv = "ENERGY_RESULTS_DIR";

    /// <summary>Overrides <see cref="RunnerPod.TerminationMessagePath"/>, for running outside a pod.</summary>
    public const string TerminationMessagePathEnv = "ENERGY_TERMINATION_MESSAGE_PATH";

    /// <summary>The <c>ENERGY_BENCHMARK</c> JSON; null when the variable is missing (an input error reported as a result).</summary>
    public string? BenchmarkJson { get; init; }

    /// <summary>The run this pod executes (<c>ENERGY_RUN</c>).</summary>
    public string? RunName { get; init; }

    /// <summary>The meter sidecar (<c>ENERGY_METER_URL</c>) as given; null meters in-process, as <c>spec.measurement</c> says.</summary>
    public string? MeterUrl { get; init; }

    /// <summary>Where to write the per-sample predictions (<c>ENERGY_PREDICTIONS_FILE</c>); null writes none.</summary>
    public string? PredictionsFile { get; init; }

    public string ResultsDirectory { get; init; } = RunnerPod.ResultsMountPath;

    public string TerminationMessagePath { get; init; } = RunnerPod.TerminationMessagePath;

    public static PodRunnerSettings FromEnvironment(IDictionary environment)
    {
        string? Read(string name) => environment[name] is string value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        return new PodRunnerSettings
        {
            BenchmarkJson = Read(RunnerPod.BenchmarkEnv),
            RunName = Read(RunnerPod.RunEnv),
            MeterUrl = Read(RunnerPod.MeterUrlEnv),
            PredictionsFile = Read(RunnerPod.PredictionsFileEnv),
            ResultsDirectory = Read(ResultsDirectoryEnv) ?? RunnerPod.ResultsMountPath,
            TerminationMessagePath = Read(TerminationMessagePathEnv) ?? RunnerPod.TerminationMessagePath,
        };
    }
}
