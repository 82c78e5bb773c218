using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Tests.Fakes;

internal sealed class FakeSource(string name, SourceProbe probe) : IEnergySource
{
    public string Name => name;

    public bool Disposed { get; private set; }

    public static FakeSource Measuring(string name, params FakeChannel[] channels) =>
        new(name, SourceProbe.Measuring(channels, channels.Select(c => c.Descriptor.Device ?? c.Descriptor.Domain).ToArray()));

    public static FakeSource Unavailable(string name, string reason) => new(name, SourceProbe.Unavailable(reason));

    public SourceProbe Probe() => probe;

    public void Dispose() => Disposed = true;
}
