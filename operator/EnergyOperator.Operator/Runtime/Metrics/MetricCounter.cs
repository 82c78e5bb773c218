namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>A value that only goes up (restarts reset it; Prometheus' <c>rate()</c> handles that).</summary>
public sealed class MetricCounter : MetricFamily
{
    internal MetricCounter(string name, string help, string[] labelNames)
        : base(name, help, "counter", labelNames)
    {
    }

    public void Inc(params string[] labelValues) => Add(1, labelValues);

    public void Add(double amount, params string[] labelValues)
    {
        if (amount < 0 || double.IsNaN(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Counter '{Name}' can only increase.");
        }

        Series(labelValues, () => new DoubleCell()).Add(amount);
    }

    /// <summary>The current value of one series; zero when it was never incremented.</summary>
    public double Value(params string[] labelValues) => Series(labelValues, () => new DoubleCell()).Value;

    private protected override void WriteSeries(TextWriter writer, LabelValues labels, object series) =>
        WriteSample(writer, "", labels, ((DoubleCell)series).Value);
}
