using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Api;

namespace EnergyOperator.MeterSidecar.Metering;

/// <summary>
/// Owns the sidecar's <see cref="EnergyMeter"/>: starts it in the background so <c>/healthz</c> answers while the
/// sources are probed, records whether it started, and disposes it when the host stops.
/// </summary>
internal sealed partial class MeterRuntime(EnergyMeter meter, ILogger<MeterRuntime> logger) : IHostedService
{
    private volatile MeterState _state;
    private Task _starting = Task.CompletedTask;

    public MeterState State => _state;

    /// <summary>Why the meter failed to start; null unless <see cref="State"/> is <see cref="MeterState.Failed"/>.</summary>
    public string? Failure { get; private set; }

    /// <summary>Every probed source and why it does not measure, also after a failed start.</summary>
    public IReadOnlyList<MeterSourceStatus> Sources => meter.Describe();

    /// <summary>The meter, for opening windows.</summary>
    /// <exception cref="MeterApiException">503 while starting or stopping, 409 when the meter failed to start.</exception>
    public EnergyMeter RequireReady() => _state switch
    {
        MeterState.Ready => meter,
        MeterState.Starting => throw MeterApiException.Unavailable(
            "Meter starting", "The meter is still probing its sources; retry once GET /readyz answers 200."),
        MeterState.Failed => throw MeterApiException.Conflict(
            "Meter failed", $"The meter failed to start and cannot open windows: {Failure}"),
        _ => throw MeterApiException.Unavailable("Meter stopping", "The sidecar is shutting down; no more windows can be measured."),
    };

    /// <summary>Running totals for the metrics endpoint; null unless the meter is ready.</summary>
    public MeterTotals? ReadTotals() => _state == MeterState.Ready ? meter.ReadTotals() : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(StartMeterAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _starting.ConfigureAwait(false);
        _state = MeterState.Stopped;
        await meter.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StartMeterAsync()
    {
        try
        {
            await meter.StartAsync().ConfigureAwait(false);
            _state = MeterState.Ready;
            foreach (var source in meter.Describe())
            {
                LogSource(source.Source, source.Available, source.Available ? string.Join(", ", source.Devices) : source.Reason);
            }
        }
        catch (Exception failure)
        {
            // The sidecar stays up so /readyz, /v1/sources and the summary can say why nothing is measured.
            Failure = failure.Message;
            _state = MeterState.Failed;
            LogFailed(failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meter source {Source}: available={Available} ({Details})")]
    private partial void LogSource(string source, bool available, string? details);

    [LoggerMessage(Level = LogLevel.Error, Message = "The meter failed to start: {Reason}")]
    private partial void LogFailed(string reason);
}
