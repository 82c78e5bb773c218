using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Rapl;

/// <summary>One RAPL zone's <c>energy_uj</c> counter.</summary>
internal sealed class RaplZoneChannel(PowercapFiles files, string energyPath, ChannelDescriptor descriptor) : IEnergyChannel
{
    public ChannelDescriptor Descriptor => descriptor;

    public ChannelSample Read() => new(files.ReadCounter(energyPath), Watts: null);
}
