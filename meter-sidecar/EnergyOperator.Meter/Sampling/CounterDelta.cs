namespace EnergyOperator.Meter.Sampling;

/// <summary>Difference between two reads of a cumulative counter that may wrap.</summary>
internal static class CounterDelta
{
    /// <summary>
    /// <c>current − previous</c>, or <c>(range − previous) + current</c> when the counter wrapped (as Kepler does with
    /// <c>max_energy_range_uj</c>). Returns false when the counter went backwards and no range is known: a reset or a
    /// fault, never a negative amount of energy.
    /// </summary>
    public static bool TryCompute(ulong previous, ulong current, ulong? range, out ulong delta)
    {
        if (current >= previous)
        {
            delta = current - previous;
            return true;
        }

        if (range is { } max && previous <= max)
        {
            delta = max - previous + current;
            return true;
        }

        delta = 0;
        return false;
    }
}
