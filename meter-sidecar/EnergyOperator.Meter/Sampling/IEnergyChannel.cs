namespace EnergyOperator.Meter.Sampling;

/// <summary>One measured domain of a source (a GPU, a RAPL zone, a process's CPU time).</summary>
internal interface IEnergyChannel
{
    ChannelDescriptor Descriptor { get; }

    /// <summary>Reads the channel now; throws when the sensor cannot be read.</summary>
    ChannelSample Read();
}
