using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;
using EnergyOperator.Meter.Client;

namespace EnergyOperator.MeterSidecar.Metering;

/// <summary>One window the sidecar opened and, once stopped, its outcome. Guarded by <see cref="WindowBook"/>'s lock.</summary>
internal sealed class WindowEntry(string id, MeterWindow window, GpuScope scope)
{
    public GpuScope Scope { get; } = scope;

    public string Id { get; } = id;

    public MeterWindow Window { get; } = window;

    public WindowState State { get; private set; } = WindowState.Open;

    public WindowMeasurement? Measurement { get; private set; }

    public string? Error { get; private set; }

    public void Stopped(WindowMeasurement measurement)
    {
        State = WindowState.Stopped;
        Measurement = measurement;
    }

    public void Failed(string error)
    {
        State = WindowState.Failed;
        Error = error;
    }

    public WindowRecord ToRecord() => new(Id, Window.Phase, Window.StartedAt, State, Measurement, Error);
}
