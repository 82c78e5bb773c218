namespace EnergyOperator.Meter.Client;

/// <summary>Configuration of a <see cref="SidecarMeter"/>.</summary>
public sealed class SidecarMeterOptions
{
    /// <summary>The sidecar's address. Default <c>http://127.0.0.1:9464</c>, where the sidecar listens by default.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:9464");

    /// <summary>
    /// How long <see cref="SidecarMeter.StartAsync"/> waits for the sidecar to become ready. Default 60 s: the containers of
    /// a pod start together, and probing NVML on a machine with many GPUs takes seconds.
    /// </summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The GPUs whose energy the windows report: by default the UUIDs in this process's <c>NVIDIA_VISIBLE_DEVICES</c>, which
    /// the device plugin sets to the GPUs given to the runner. Empty: every GPU the sidecar measures.
    /// </summary>
    public IReadOnlyList<string> Gpus { get; set; } =
        Nvml.GpuSelection.Resolve([], Environment.GetEnvironmentVariable(Nvml.GpuSelection.VisibleDevicesVariable));

    /// <summary>Pause between readiness checks. Default 250 ms.</summary>
    public TimeSpan ReadyPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Clock for the readiness wait; replaceable in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new MeterConfigurationException($"SidecarMeterOptions.BaseAddress must be an absolute http URL such as http://127.0.0.1:9464 (got '{BaseAddress}').");
        }

        if (ReadyTimeout <= TimeSpan.Zero || ReadyPollInterval <= TimeSpan.Zero)
        {
            throw new MeterConfigurationException(
                $"SidecarMeterOptions.ReadyTimeout and ReadyPollInterval must be positive (got {ReadyTimeout} and {ReadyPollInterval}).");
        }

        if (TimeProvider is null)
        {
            throw new MeterConfigurationException("SidecarMeterOptions.TimeProvider must not be null.");
        }
    }
}
