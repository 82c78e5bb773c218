namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>A double updated atomically without a lock.</summary>
internal sealed class DoubleCell
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Add(double amount)
    {
        double seen, updated;
        do
        {
            seen = Volatile.Read(ref _value);
            updated = seen + amount;
        }
        while (Interlocked.CompareExchange(ref _value, updated, seen) != seen);
    }
}
