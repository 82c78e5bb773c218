namespace EnergyOperator.MeterSidecar.Metrics;

/// <summary>One series' value; labels are written in the order given.</summary>
internal readonly record struct MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
{
    public static MetricSample Unlabelled(double value) => new([], value);
}
