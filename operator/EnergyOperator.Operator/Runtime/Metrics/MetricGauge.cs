namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>A value that goes up and down, e.g. a queue's depth.</summary>
public sealed class MetricGauge : MetricFamily
{
    internal MetricGauge(string name, string help, string[] labelNames)
        : base(name, help, "gauge", labelNames)
    {
    }

    public void Set(double value, params string[] labelValues) => Series(labelValues, () => new DoubleCell()).Set(value);

    public double Value(params string[] labelValues) => Series(labelValues, () => new DoubleCell()).Value;

    private protected override void WriteSeries(TextWriter writer, LabelValues labels, object series) =>
        WriteSample(writer, "", labels, ((DoubleCell)series).Value);
}
