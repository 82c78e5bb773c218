using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter;

/// <summary>
/// Measures the energy of named windows from GPU (NVML), CPU and DRAM (RAPL) sensors, or from a CPU-time estimate.
/// A background loop samples every source at <see cref="EnergyMeterOptions.SampleInterval"/> so counter wraps are
/// caught and power is recorded; windows take a sample at their start and stop, so their energy is a difference of
/// counters (or of integrated power) between exactly those two points.
/// </summary>
/// <example>
/// <code>
/// await using var meter = new EnergyMeter(new EnergyMeterOptions());
/// await meter.StartAsync(cancellationToken);
/// var window = meter.StartWindow("inference");
/// RunInference();
/// WindowMeasurement measurement = window.Stop();
/// </code>
/// </example>
public sealed class EnergyMeter : IEnergyMeter
{
    private static readonly MeterKind[] ProbeOrder = [MeterKind.Nvml, MeterKind.Rapl, MeterKind.Estimate];

    private readonly IReadOnlySet<MeterKind> _kinds;
    private readonly TimeSpan _sampleInterval;
    private readonly TimeProvider _time;
    private readonly Func<MeterKind, IEnergySource> _createSource;
    private readonly Lock _gate = new();
    private readonly List<IEnergySource> _sources = [];
    private readonly List<MeterSourceStatus> _statuses = [];
    private readonly List<MeterWindow> _openWindows = [];
    private ChannelTrack[] _tracks = [];
    private MeterState _state;
    private long _sampleCount;
    private CancellationTokenSource? _loopCancellation;
    private Task? _loop;

    /// <summary>Creates a meter; nothing is probed until <see cref="StartAsync"/>.</summary>
    /// <exception cref="MeterConfigurationException">An option is out of range.</exception>
    public EnergyMeter(EnergyMeterOptions options)
        : this(options, kind => DefaultSources.Create(kind, options))
    {
    }

    internal EnergyMeter(EnergyMeterOptions options, Func<MeterKind, IEnergySource> createSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _kinds = options.Sources.ToHashSet();
        _sampleInterval = options.SampleInterval;
        _time = options.TimeProvider;
        _createSource = createSource;
    }

    private enum MeterState
    {
        Created,
        Started,
        Disposed,
    }

    /// <summary>Probes the sources, takes the first sample and starts the background sampling loop.</summary>
    /// <exception cref="MeterConfigurationException">
    /// A requested source is unavailable, a requested GPU is unknown, or no source can measure at all.
    /// </exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        StartWithoutSamplingLoop();
        _loopCancellation = new CancellationTokenSource();
        var token = _loopCancellation.Token;
        _loop = Task.Run(() => RunSamplingLoopAsync(token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Opens a window: samples every source now and remembers where each counter stood.</summary>
    /// <param name="phase">The window's name, reported as <see cref="WindowMeasurement.Phase"/>.</param>
    public MeterWindow StartWindow(string phase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        lock (_gate)
        {
            EnsureStarted();
            // Faults are counted from before the start sample: a window whose first read failed has no baseline.
            var faultsBeforeStart = _tracks.Select(track => track.FaultCount).ToArray();
            var now = _time.GetTimestamp();
            SampleLocked(now);
            var window = new MeterWindow(this, phase, _tracks, faultsBeforeStart, now, _time.GetUtcNow());
            _openWindows.Add(window);
            return window;
        }
    }

    Task<IMeterWindow> IEnergyMeter.StartWindowAsync(string phase, CancellationToken cancellationToken) =>
        Task.FromResult<IMeterWindow>(StartWindow(phase));

    Task<IReadOnlyList<MeterSourceStatus>> IEnergyMeter.DescribeAsync(CancellationToken cancellationToken) => Task.FromResult(Describe());

    /// <summary>Which sources were probed, whether each measures, why not, and which devices.</summary>
    public IReadOnlyList<MeterSourceStatus> Describe()
    {
        lock (_gate)
        {
            return _statuses.ToArray();
        }
    }

    /// <summary>
    /// Every domain's energy since the meter started and its power at the last sample, for exporters such as a
    /// Prometheus endpoint. Takes no sample: the figures stand as of the last one.
    /// </summary>
    public MeterTotals ReadTotals()
    {
        lock (_gate)
        {
            var domains = _tracks
                .Select(track => new DomainTotal(
                    track.Descriptor.Source,
                    track.Descriptor.Domain,
                    track.Descriptor.Device,
                    track.CumulativeJoules,
                    track.LastWatts,
                    Estimated: track.Descriptor.Method == EnergyMethod.Model))
                .ToArray();
            return new MeterTotals(_sampleCount, domains);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Taken first so a second dispose (await using after an explicit one) does not cancel a disposed source.
        if (Interlocked.Exchange(ref _loopCancellation, null) is { } cancellation)
        {
            await cancellation.CancelAsync().ConfigureAwait(false);
            await _loop!.ConfigureAwait(false);
            cancellation.Dispose();
        }

        lock (_gate)
        {
            _state = MeterState.Disposed;
            _openWindows.Clear();
            DisposeSources();
        }
    }

    /// <summary>Probes and takes the baseline sample; tests drive sampling through <see cref="SampleNow"/> instead of the loop.</summary>
    internal void StartWithoutSamplingLoop()
    {
        lock (_gate)
        {
            if (_state != MeterState.Created)
            {
                throw new InvalidOperationException("The meter was already started or disposed; create a new EnergyMeter.");
            }

            try
            {
                _tracks = ProbeSources().Select(channel => new ChannelTrack(channel, _time)).ToArray();
            }
            catch
            {
                // Describe() still explains the failure; a half-probed meter is not restarted.
                _state = MeterState.Disposed;
                DisposeSources();
                throw;
            }

            _state = MeterState.Started;
            SampleLocked(_time.GetTimestamp());
        }
    }

    internal void SampleNow()
    {
        lock (_gate)
        {
            if (_state == MeterState.Started)
            {
                SampleLocked(_time.GetTimestamp());
            }
        }
    }

    internal WindowMeasurement Stop(MeterWindow window)
    {
        lock (_gate)
        {
            if (window.IsStopped)
            {
                throw new InvalidOperationException($"Window '{window.Phase}' was already stopped; start a new window to measure again.");
            }

            EnsureStarted();
            var now = _time.GetTimestamp();
            var duration = _time.GetElapsedTime(window.StartTimestamp, now);
            if (duration <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Window '{window.Phase}' has zero length: stop it after the work it measures.");
            }

            SampleLocked(now);
            _openWindows.Remove(window);
            return window.Complete(_tracks, duration);
        }
    }

    private List<IEnergyChannel> ProbeSources()
    {
        var auto = _kinds.Contains(MeterKind.Auto);
        var channels = new List<IEnergyChannel>();
        var raplMeasures = false;
        foreach (var kind in ProbeOrder)
        {
            var requested = _kinds.Contains(kind);
            if (!requested && !auto)
            {
                continue;
            }

            if (kind == MeterKind.Estimate && !requested && raplMeasures)
            {
                _statuses.Add(new MeterSourceStatus("estimate", false, "not used because rapl measures the CPU; list 'estimate' among the sources to use it as well", []));
                continue;
            }

            var source = _createSource(kind);
            _sources.Add(source);
            var probe = source.Probe();
            _statuses.Add(new MeterSourceStatus(source.Name, probe.Available, probe.Reason, probe.Devices));
            if (!probe.Available)
            {
                if (requested)
                {
                    throw new MeterConfigurationException($"Meter source '{source.Name}' was requested but is unavailable: {probe.Reason}");
                }

                continue;
            }

            channels.AddRange(probe.Channels);
            raplMeasures |= kind == MeterKind.Rapl;
        }

        if (channels.Count == 0)
        {
            var reasons = string.Join("; ", _statuses.Select(s => $"{s.Source}: {s.Reason}"));
            throw new MeterConfigurationException($"No meter source can measure on this machine ({reasons}).");
        }

        return channels;
    }

    private void SampleLocked(long timestamp)
    {
        _sampleCount++;
        for (var i = 0; i < _tracks.Length; i++)
        {
            var watts = _tracks[i].Sample(timestamp);
            foreach (var window in _openWindows)
            {
                window.Observe(i, watts);
            }
        }
    }

    private async Task RunSamplingLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_sampleInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                SampleNow();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void EnsureStarted()
    {
        if (_state != MeterState.Started)
        {
            throw new InvalidOperationException(_state == MeterState.Created
                ? "The meter is not started: await StartAsync before opening or stopping windows."
                : "The meter was disposed; windows can no longer be started or stopped.");
        }
    }

    private void DisposeSources()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        _sources.Clear();
        _tracks = [];
    }
}
