using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Tests.Fakes;

/// <summary>A channel whose next reading the test sets.</summary>
internal sealed class FakeChannel(ChannelDescriptor descriptor) : IEnergyChannel
{
    public ulong? Counter { get; set; }

    public double? Watts { get; set; }

    public string? Failure { get; set; }

    public int Reads { get; private set; }

    public ChannelDescriptor Descriptor => descriptor;

    public static FakeChannel Counting(string device = "c0", double joulesPerCount = 1, ulong? range = null, double minimumWindowMs = 10) =>
        new(new ChannelDescriptor("fake", "cpu-package", device, EnergyMethod.Counter, joulesPerCount, range, TimeSpan.FromMilliseconds(minimumWindowMs)))
        {
            Counter = 0,
        };

    public static FakeChannel Powered(string device = "p0", double watts = 0) =>
        new(new ChannelDescriptor("fake", "gpu", device, EnergyMethod.PowerIntegration, 1, null, TimeSpan.FromMilliseconds(10)))
        {
            Watts = watts,
        };

    public ChannelSample Read()
    {
        Reads++;
        return Failure is null ? new ChannelSample(Counter, Watts) : throw new InvalidOperationException(Failure);
    }
}
