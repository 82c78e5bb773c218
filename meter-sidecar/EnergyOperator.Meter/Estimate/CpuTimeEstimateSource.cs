using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Estimate;

/// <summary>
/// CPU energy modelled as process CPU time × watts per fully busy core, for machines where no sensor covers the CPU.
/// Every reading is <see cref="EnergyMethod.Model"/> and estimated.
/// </summary>
internal sealed class CpuTimeEstimateSource(ICpuTimeReader cpuTime, double wattsPerCore) : IEnergySource
{
    /// <summary>CPU time advances in clock ticks (10 ms at the usual 100 Hz); windows under ten ticks err by over 10 %.</summary>
    public static readonly TimeSpan Granularity = TimeSpan.FromMilliseconds(100);

    public string Name => "estimate";

    public SourceProbe Probe()
    {
        try
        {
            cpuTime.Read();
        }
        catch (InvalidOperationException failure)
        {
            return SourceProbe.Unavailable(failure.Message);
        }

        var descriptor = new ChannelDescriptor(
            Name, "cpu", Device: null, EnergyMethod.Model, JoulesPerCount: wattsPerCore / TimeSpan.TicksPerSecond, CounterRange: null, Granularity);
        return SourceProbe.Measuring([new Channel(cpuTime, descriptor)], [$"{cpuTime.Subject}: CPU time × {wattsPerCore} W per busy core"]);
    }

    public void Dispose()
    {
    }

    /// <summary>The counter is the CPU time in <see cref="TimeSpan"/> ticks.</summary>
    private sealed class Channel(ICpuTimeReader cpuTime, ChannelDescriptor descriptor) : IEnergyChannel
    {
        public ChannelDescriptor Descriptor => descriptor;

        public ChannelSample Read() => new((ulong)cpuTime.Read().Ticks, Watts: null);
    }
}
