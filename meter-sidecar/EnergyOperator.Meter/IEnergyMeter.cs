using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter;

/// <summary>
/// A meter the runner opens measurement windows on: <see cref="EnergyMeter"/> in-process, or the meter sidecar over HTTP.
/// Asynchronous because a window may be a request to another container.
/// </summary>
public interface IEnergyMeter : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken = default);

    Task<IMeterWindow> StartWindowAsync(string phase, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MeterSourceStatus>> DescribeAsync(CancellationToken cancellationToken = default);
}

/// <summary>An open measurement window.</summary>
public interface IMeterWindow
{
    string Phase { get; }

    Task<WindowMeasurement> StopAsync(CancellationToken cancellationToken = default);
}
