namespace EnergyOperator.Runner.Data;

/// <summary>
/// Steele, Lea and Flood's SplitMix64: a tiny generator whose sequence for a seed is fixed by its definition,
/// unlike <see cref="Random"/>, whose seeded algorithm is an implementation detail of the runtime.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="maxExclusive"/>); the modulo bias is below 2^-32 for any int bound.</summary>
    public int Next(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
