namespace EnergyOperator.Meter.Sampling;

/// <summary>
/// Running state of one channel: the energy it has accumulated since the meter started, unwrapped across every
/// sampled point, and the faults it has seen. Windows are differences of two snapshots of this state.
/// Not thread-safe; the meter serialises all sampling.
/// </summary>
internal sealed class ChannelTrack(IEnergyChannel channel, TimeProvider time)
{
    private bool _hasSample;
    private ulong _lastCounter;
    private double _lastWatts;
    private long _lastTimestamp;

    public ChannelDescriptor Descriptor => channel.Descriptor;

    /// <summary>Joules since the first sample: counter deltas, or trapezoid integration of power.</summary>
    public double CumulativeJoules { get; private set; }

    /// <summary>Number of failed samples so far; a window that saw it change cannot trust this channel.</summary>
    public int FaultCount { get; private set; }

    public string? LastFault { get; private set; }

    /// <summary>Power at the last sample; null before the first sample, after a failed one, or when the sample could not show any.</summary>
    public double? LastWatts { get; private set; }

    /// <summary>Reads the channel at <paramref name="timestamp"/> and returns the power it shows, when it shows any.</summary>
    public double? Sample(long timestamp)
    {
        try
        {
            var sample = channel.Read();
            var watts = Descriptor.HasCounter
                ? AddCounter(sample.Counter ?? throw new InvalidOperationException("the sensor returned no counter value"), sample.Watts, timestamp)
                : AddPower(sample.Watts ?? throw new InvalidOperationException("the sensor returned no power value"), timestamp);
            _hasSample = true;
            _lastTimestamp = timestamp;
            LastWatts = watts;
            return watts;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            FaultCount++;
            LastFault = exception.Message;
            LastWatts = null;
            return null;
        }
    }

    private double? AddCounter(ulong counter, double? watts, long timestamp)
    {
        if (!_hasSample)
        {
            _lastCounter = counter;
            return watts;
        }

        var previous = _lastCounter;
        _lastCounter = counter;
        if (!CounterDelta.TryCompute(previous, counter, Descriptor.CounterRange, out var delta))
        {
            // Rebased on the new value so later windows measure again; windows spanning this point fail.
            throw new InvalidOperationException(
                $"the counter went backwards from {previous} to {counter} and no wrap range is known (a reset, not energy)");
        }

        var joules = delta * Descriptor.JoulesPerCount;
        CumulativeJoules += joules;
        var seconds = time.GetElapsedTime(_lastTimestamp, timestamp).TotalSeconds;
        return watts ?? (seconds > 0 ? joules / seconds : null);
    }

    private double AddPower(double watts, long timestamp)
    {
        if (_hasSample)
        {
            var seconds = time.GetElapsedTime(_lastTimestamp, timestamp).TotalSeconds;
            CumulativeJoules += (_lastWatts + watts) / 2 * seconds;
        }

        _lastWatts = watts;
        return watts;
    }
}
