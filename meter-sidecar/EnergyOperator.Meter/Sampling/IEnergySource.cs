namespace EnergyOperator.Meter.Sampling;

/// <summary>A family of sensors (NVML, RAPL, the CPU-time estimate) that enumerates its channels on probe.</summary>
internal interface IEnergySource : IDisposable
{
    /// <summary><c>nvml</c>, <c>rapl</c> or <c>estimate</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Finds the channels this source can measure. An unusable source answers <see cref="SourceProbe.Unavailable"/>
    /// with a reason that names the fix; only bad configuration (for example an unknown GPU UUID) throws.
    /// </summary>
    SourceProbe Probe();
}
