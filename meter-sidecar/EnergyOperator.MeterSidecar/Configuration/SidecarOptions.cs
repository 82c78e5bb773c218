using EnergyOperator.Meter;

namespace EnergyOperator.MeterSidecar.Configuration;

/// <summary>
/// Settings of the sidecar, read by <see cref="SidecarOptionsReader"/> from <c>--Meter:Name=value</c> arguments or
/// <c>ENERGY_METER_NAME</c> environment variables.
/// </summary>
internal sealed class SidecarOptions
{
    /// <summary>
    /// Where the window API listens: a loopback address only (it is unauthenticated, and only the runner in the same pod may open
    /// and stop windows). Default <c>http://127.0.0.1:9464</c>.
    /// </summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:9464";

    /// <summary>
    /// Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> listen, read-only, on a port of their own; nothing else answers
    /// there. Default <c>http://127.0.0.1:9465</c>; a runner pod sets <c>http://0.0.0.0:9465</c> for the kubelet's probes and Prometheus.
    /// </summary>
    public string MetricsListenUrl { get; set; } = "http://127.0.0.1:9465";

    /// <summary>Largest request body accepted (413 beyond): the API's bodies are a few hundred bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a request body may stall before the sidecar answers 408. Default 5 s.</summary>
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most windows kept; past it the oldest stopped window is forgotten (the counters keep counting it).</summary>
    public int MaxWindows { get; set; } = 1024;

    /// <summary>Where Kubernetes reads the container's termination message. Default <c>/dev/termination-log</c>.</summary>
    public string TerminationMessagePath { get; set; } = "/dev/termination-log";

    /// <summary>
    /// The full summary, in a volume shared with whoever collects results. Default <c>/var/run/energy/summary.json</c>:
    /// native sidecars' termination messages are not guaranteed to surface in the pod status.
    /// </summary>
    public string SummaryPath { get; set; } = "/var/run/energy/summary.json";

    /// <summary>The run this sidecar meters, copied into the summary; optional.</summary>
    public string? RunName { get; set; }

    /// <summary>Sources, sample interval, powercap root, GPUs, watts per core and the estimated process.</summary>
    public EnergyMeterOptions Meter { get; } = new();
}
