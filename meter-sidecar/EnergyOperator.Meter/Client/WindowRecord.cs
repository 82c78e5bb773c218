using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter.Client;

/// <summary>One window as <c>GET /v1/windows</c> and the summary list it.</summary>
/// <param name="Measurement">Present when <see cref="State"/> is <see cref="WindowState.Stopped"/>.</param>
/// <param name="Error">Present when <see cref="State"/> is <see cref="WindowState.Failed"/>: why it could not be measured.</param>
public sealed record WindowRecord(
    string Id,
    string Phase,
    DateTimeOffset StartedAt,
    WindowState State,
    WindowMeasurement? Measurement = null,
    string? Error = null);
