namespace EnergyOperator.Contracts.Planning;

/// <summary>
/// The contract between the operator, the runner container and the meter sidecar of one runner pod (docs/runner-pod.md):
/// names, environment variables and paths each side relies on.
/// </summary>
public static class RunnerPod
{
    public const string RunnerContainer = "runner";
    public const string MeterContainer = "meter";

    /// <summary>The native sidecar a served model's <c>server.image</c> runs in; the runner reaches it on loopback.</summary>
    public const string ModelServerContainer = "model-server";

    /// <summary>The EnergyBenchmark (metadata.name and spec) as JSON; the runner re-expands it and picks its run by name.</summary>
    public const string BenchmarkEnv = "ENERGY_BENCHMARK";

    /// <summary>The run's name (<see cref="RunPlan.Name"/>), also the pod's name.</summary>
    public const string RunEnv = "ENERGY_RUN";

    /// <summary>Where the runner reaches the meter sidecar inside the pod.</summary>
    public const string MeterUrlEnv = "ENERGY_METER_URL";

    /// <summary>
    /// Optional: a file, typically on a mounted volume, the runner writes its per-sample predictions to as JSON lines
    /// (docs/results.md); unset, none are written.
    /// </summary>
    public const string PredictionsFileEnv = "ENERGY_PREDICTIONS_FILE";

    /// <summary>The meter's window API, on the pod's loopback only.</summary>
    public const int MeterPort = 9464;

    /// <summary>The meter's read-only port on the pod network: <c>/metrics</c> and the kubelet's probes.</summary>
    public const int MeterMetricsPort = 9465;

    /// <summary>An emptyDir both containers mount: full results survive a termination message's 4 KiB limit.</summary>
    public const string ResultsVolume = "energy-results";

    public const string ResultsMountPath = "/var/run/energy";

    /// <summary>The runner's full <c>RunResult</c> JSON.</summary>
    public const string RunResultFile = "result.json";

    /// <summary>The meter sidecar's full summary JSON.</summary>
    public const string MeterSummaryFile = "meter-summary.json";

    /// <summary>The host's powercap tree, mounted read-only into the meter for RAPL.</summary>
    public const string PowercapVolume = "host-powercap";

    /// <summary>The powercap device tree: the meter's only view of the host (not all of <c>/sys</c>).</summary>
    public const string HostPowercapPath = "/sys/devices/virtual/powercap";

    public const string PowercapMountPath = "/host/powercap";

    /// <summary>Kubernetes' limit on one container's termination message; results written there stay under it.</summary>
    public const int TerminationMessageLimit = 4096;

    public const string TerminationMessagePath = "/dev/termination-log";

    public const string BenchmarkLabel = "energy.energyoperator.io/benchmark";
    public const string RunLabel = "energy.energyoperator.io/run";
    public const string ModelLabel = "energy.energyoperator.io/model";
    public const string HardwareLabel = "energy.energyoperator.io/hardware";

    /// <summary>Runner exit codes: 0 measured, 1 failed while running, 2 invalid input (the operator does not retry it).</summary>
    public const int ExitSucceeded = 0;

    public const int ExitFailed = 1;
    public const int ExitInvalidInput = 2;
}
