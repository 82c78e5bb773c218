namespace EnergyOperator.Meter;

/// <summary>The meter's running totals, as returned by <see cref="EnergyMeter.ReadTotals"/>.</summary>
/// <param name="Samples">Sampling rounds taken since the meter started (the baseline, the loop's and every window's).</param>
/// <param name="Domains">One entry per measured domain, in the order the sources were probed.</param>
public sealed record MeterTotals(long Samples, IReadOnlyList<DomainTotal> Domains);
