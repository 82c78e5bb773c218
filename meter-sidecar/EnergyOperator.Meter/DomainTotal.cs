namespace EnergyOperator.Meter;

/// <summary>One domain's energy since the meter started.</summary>
/// <param name="Source">Meter source: <c>nvml</c>, <c>rapl</c> or <c>estimate</c>.</param>
/// <param name="Domain">Energy domain: <c>gpu</c>, <c>cpu-package</c>, <c>dram</c>, <c>psys</c>, <c>cpu</c>.</param>
/// <param name="Device">GPU UUID or RAPL zone id; null for a whole-process estimate.</param>
/// <param name="Joules">Energy since the first sample, unwrapped across counter wraps.</param>
/// <param name="Watts">Power at the last sample; null when that sample failed or showed no power.</param>
/// <param name="Estimated">True when a model, not a sensor, produced the joules.</param>
public sealed record DomainTotal(string Source, string Domain, string? Device, double Joules, double? Watts, bool Estimated);
