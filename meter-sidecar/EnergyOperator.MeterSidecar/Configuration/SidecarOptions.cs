using EnergyOperator.Meter;

namespace EnergyOperator.MeterSidecar.Configuration;

/// <summary>
/// Settings of the sidecar, read by <see cref="SidecarOptionsReader"/> from <c>--Meter:Name=value</c> arguments or
/// <c>ENERGY_METER_NAME</c> environment variables.
/// </summary>
internal sealed class SidecarOptions
{
    /// <summary>Where the API listens. Default <c>http://127.0.0.1:9464</c>: the runner in the same pod only; 9464 is the port Prometheus exporters conventionally take for a meter.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:9464";

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
