using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter;

/// <summary>
/// An open measurement window on an <see cref="EnergyMeter"/>, created by <see cref="EnergyMeter.StartWindow"/>.
/// Several windows may be open at once; each is stopped exactly once.
/// </summary>
public sealed class MeterWindow : IMeterWindow
{
    private readonly EnergyMeter _meter;
    private readonly double[] _startJoules;
    private readonly int[] _startFaults;
    private readonly double?[] _peakWatts;
    private readonly int[] _samples;

    internal MeterWindow(
        EnergyMeter meter, string phase, IReadOnlyList<ChannelTrack> tracks, int[] faultsBeforeStart, long startTimestamp, DateTimeOffset startedAt)
    {
        _meter = meter;
        Phase = phase;
        StartTimestamp = startTimestamp;
        StartedAt = startedAt;
        _startJoules = tracks.Select(t => t.CumulativeJoules).ToArray();
        _startFaults = faultsBeforeStart;
        _peakWatts = new double?[tracks.Count];
        _samples = Enumerable.Repeat(1, tracks.Count).ToArray();
    }

    /// <summary>The window's name (<c>idle-baseline</c>, <c>warmup</c>, <c>inference</c>, …).</summary>
    public string Phase { get; }

    /// <summary>Wall-clock start.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>True once <see cref="Stop"/> has returned or thrown a measurement error.</summary>
    public bool IsStopped { get; private set; }

    internal long StartTimestamp { get; }

    /// <summary>
    /// Takes a final sample and returns the energy of every domain inside the window.
    /// </summary>
    /// <exception cref="InvalidOperationException">The window was already stopped, has zero length, or the meter was disposed.</exception>
    /// <exception cref="EnergyMeasurementException">A domain's sensor failed inside the window.</exception>
    public WindowMeasurement Stop() => _meter.Stop(this);

    Task<WindowMeasurement> IMeterWindow.StopAsync(CancellationToken cancellationToken) => Task.FromResult(Stop());

    /// <summary>Records one sample taken while the window was open (after its start sample).</summary>
    internal void Observe(int channel, double? watts)
    {
        _samples[channel]++;
        if (watts is { } value && (_peakWatts[channel] is not { } peak || value > peak))
        {
            _peakWatts[channel] = value;
        }
    }

    internal WindowMeasurement Complete(IReadOnlyList<ChannelTrack> tracks, TimeSpan duration)
    {
        IsStopped = true;
        var seconds = duration.TotalSeconds;
        var readings = new EnergyReading[tracks.Count];
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            var descriptor = track.Descriptor;
            if (track.FaultCount != _startFaults[i])
            {
                throw new EnergyMeasurementException(
                    $"Window '{Phase}': {descriptor} could not be measured: {track.LastFault}. Remove the source from the meter's sources or fix the sensor.");
            }

            var joules = track.CumulativeJoules - _startJoules[i];
            // A counter that did not move over a window it should have covered was not refreshed, not idle.
            var tooShort = duration < descriptor.MinimumWindow || (descriptor.Method == EnergyMethod.Counter && joules == 0);
            readings[i] = new EnergyReading(
                descriptor.Source,
                descriptor.Domain,
                descriptor.Device,
                joules,
                joules / seconds,
                _peakWatts[i],
                _samples[i],
                descriptor.Method,
                Estimated: descriptor.Method == EnergyMethod.Model,
                TooShort: tooShort);
        }

        return new WindowMeasurement(Phase, StartedAt, seconds, readings);
    }
}
