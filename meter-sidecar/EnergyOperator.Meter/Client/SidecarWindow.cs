using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter.Client;

/// <summary>A window open on the meter sidecar, created by <see cref="SidecarMeter.StartWindowAsync"/>.</summary>
public sealed class SidecarWindow : IMeterWindow
{
    private readonly SidecarMeter _meter;

    internal SidecarWindow(SidecarMeter meter, WindowStarted started)
    {
        _meter = meter;
        Id = started.Id;
        Phase = started.Phase;
        StartedAt = started.StartedAt;
    }

    /// <summary>The sidecar's id for the window.</summary>
    public string Id { get; }

    public string Phase { get; }

    /// <summary>Wall-clock start, by the sidecar's clock.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Stops the window on the sidecar (<c>POST /v1/windows/{id}/stop</c>) and returns its energy.</summary>
    /// <exception cref="EnergyMeasurementException">The window was already stopped, a sensor failed inside it, or the sidecar could not be reached.</exception>
    public Task<WindowMeasurement> StopAsync(CancellationToken cancellationToken = default) => _meter.StopWindowAsync(Id, cancellationToken);
}
