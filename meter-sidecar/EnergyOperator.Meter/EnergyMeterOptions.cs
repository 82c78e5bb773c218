using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Meter;

/// <summary>Configuration of an <see cref="EnergyMeter"/>.</summary>
public sealed class EnergyMeterOptions
{
    /// <summary>Default host path of the powercap sysfs tree.</summary>
    public const string DefaultPowercapRoot = "/sys/class/powercap";

    /// <summary>
    /// How often the background loop samples every source. Default 100 ms: as fast as NVML refreshes its power reading
    /// is pointless, but 100 ms keeps peak watts meaningful and keeps far inside a RAPL counter's wrap period (minutes).
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The sources to use. Default: <see cref="MeterKind.Auto"/>.</summary>
    public IList<MeterKind> Sources { get; set; } = [MeterKind.Auto];

    /// <summary>
    /// Root of the powercap tree. Default <see cref="DefaultPowercapRoot"/>; a container mounts the host's tree
    /// read-only somewhere else and points here.
    /// </summary>
    public string PowercapRoot { get; set; } = DefaultPowercapRoot;

    /// <summary>
    /// GPUs to measure, as UUIDs (<c>GPU-…</c>) or NVML indices. Empty (the default) means the UUIDs listed in the
    /// <c>NVIDIA_VISIBLE_DEVICES</c> environment variable when it holds UUIDs, otherwise every GPU NVML sees.
    /// </summary>
    public IList<string> Gpus { get; set; } = [];

    /// <summary>
    /// Power drawn by one fully busy core, for the CPU-time estimate. Default 10 W: server CPUs spend roughly
    /// 3–10 W per core at full load (150–350 W TDP over 32–96 cores) and desktop CPUs 8–15 W (65–125 W over 8–16 cores);
    /// 10 W sits at the upper end for servers, so the estimate errs towards more energy, not less.
    /// </summary>
    public double WattsPerCore { get; set; } = 10;

    /// <summary>
    /// Process whose CPU time the estimate meters (read from <c>/proc/PID/stat</c>); null (the default) meters this process.
    /// </summary>
    public int? EstimateProcessId { get; set; }

    /// <summary>
    /// Meter every other process visible in <c>/proc</c> instead of one: in a pod with <c>shareProcessNamespace: true</c>, the
    /// runner however it forks, without knowing its pid when the meter starts. Excludes <see cref="EstimateProcessId"/>.
    /// </summary>
    public bool EstimateOtherProcesses { get; set; }

    /// <summary>Clock for sampling and window durations; replaceable in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Longest accepted <see cref="SampleInterval"/>: a 32-bit RAPL counter wraps in minutes at a few hundred watts.</summary>
    internal static readonly TimeSpan MaxSampleInterval = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        if (SampleInterval <= TimeSpan.Zero || SampleInterval > MaxSampleInterval)
        {
            throw new MeterConfigurationException(
                $"EnergyMeterOptions.SampleInterval must be between 0 and {MaxSampleInterval.TotalSeconds} s (got {SampleInterval}): slower sampling misses RAPL counter wraps.");
        }

        if (Sources is null || Sources.Count == 0)
        {
            throw new MeterConfigurationException("EnergyMeterOptions.Sources is empty: list at least one of auto, nvml, rapl, estimate.");
        }

        if (string.IsNullOrWhiteSpace(PowercapRoot))
        {
            throw new MeterConfigurationException($"EnergyMeterOptions.PowercapRoot is empty: use {DefaultPowercapRoot} or the path where the host's powercap tree is mounted.");
        }

        if (!double.IsFinite(WattsPerCore) || WattsPerCore <= 0)
        {
            throw new MeterConfigurationException($"EnergyMeterOptions.WattsPerCore must be a positive number of watts (got {WattsPerCore}).");
        }

        if (EstimateOtherProcesses && EstimateProcessId is not null)
        {
            throw new MeterConfigurationException("EnergyMeterOptions.EstimateProcessId and EstimateOtherProcesses exclude each other: meter one process or every other one.");
        }

        if (EstimateProcessId is <= 0)
        {
            throw new MeterConfigurationException($"EnergyMeterOptions.EstimateProcessId must be a positive process id (got {EstimateProcessId}), or null for this process.");
        }

        if (Gpus is null || TimeProvider is null)
        {
            throw new MeterConfigurationException("EnergyMeterOptions.Gpus and EnergyMeterOptions.TimeProvider must not be null.");
        }
    }
}
