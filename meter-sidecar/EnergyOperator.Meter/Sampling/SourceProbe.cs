namespace EnergyOperator.Meter.Sampling;

/// <summary>Outcome of <see cref="IEnergySource.Probe"/>.</summary>
/// <param name="Reason">Why the source cannot measure, with the fix; null when available.</param>
/// <param name="Channels">The domains to sample; empty when unavailable.</param>
/// <param name="Devices">Human-readable device list for <see cref="EnergyMeter.Describe"/>.</param>
internal sealed record SourceProbe(string? Reason, IReadOnlyList<IEnergyChannel> Channels, IReadOnlyList<string> Devices)
{
    public bool Available => Reason is null;

    public static SourceProbe Unavailable(string reason) => new(reason, [], []);

    public static SourceProbe Measuring(IReadOnlyList<IEnergyChannel> channels, IReadOnlyList<string> devices) => new(null, channels, devices);
}
