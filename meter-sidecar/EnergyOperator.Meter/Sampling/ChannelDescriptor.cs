using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter.Sampling;

/// <summary>What one measured domain is and how its raw readings turn into joules.</summary>
/// <param name="Source">Source name: <c>nvml</c>, <c>rapl</c>, <c>estimate</c>.</param>
/// <param name="Domain">Energy domain: <c>gpu</c>, <c>cpu-package</c>, <c>dram</c>, <c>psys</c>, <c>cpu</c>.</param>
/// <param name="Device">GPU UUID or RAPL zone id; null for a whole-process estimate.</param>
/// <param name="Method">
/// <see cref="EnergyMethod.Counter"/> and <see cref="EnergyMethod.Model"/> read a cumulative counter;
/// <see cref="EnergyMethod.PowerIntegration"/> reads watts only.
/// </param>
/// <param name="JoulesPerCount">Joules per counter unit (0.001 for NVML mJ, 1e-6 for RAPL µJ).</param>
/// <param name="CounterRange">Value at which the counter wraps to zero; null when it never wraps legitimately.</param>
/// <param name="MinimumWindow">Windows shorter than this are flagged <c>TooShort</c>: the counter or power reading updates too rarely.</param>
internal sealed record ChannelDescriptor(
    string Source,
    string Domain,
    string? Device,
    EnergyMethod Method,
    double JoulesPerCount,
    ulong? CounterRange,
    TimeSpan MinimumWindow)
{
    public bool HasCounter => Method != EnergyMethod.PowerIntegration;

    public override string ToString() => Device is null ? $"{Source} {Domain}" : $"{Source} {Domain} {Device}";
}
