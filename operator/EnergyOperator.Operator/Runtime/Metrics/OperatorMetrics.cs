using System.Collections.Concurrent;

namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>The in-memory registry; families render in name order.</summary>
public sealed class OperatorMetrics : IOperatorMetrics
{
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    public MetricCounter Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, labelNames, () => new MetricCounter(name, help, labelNames));

    public MetricGauge Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, labelNames, () => new MetricGauge(name, help, labelNames));

    public MetricHistogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames) =>
        GetOrAdd(name, labelNames, () => new MetricHistogram(name, help, buckets, labelNames));

    public void WritePrometheusText(TextWriter writer)
    {
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.WriteTo(writer);
        }
    }

    /// <summary>The whole exposition as a string, e.g. for a minimal-API endpoint.</summary>
    public string RenderPrometheusText()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WritePrometheusText(writer);
        return writer.ToString();
    }

    private TFamily GetOrAdd<TFamily>(string name, string[] labelNames, Func<TFamily> create)
        where TFamily : MetricFamily
    {
        var family = _families.GetOrAdd(name, _ => create());
        if (family is not TFamily typed || !family.LabelNames.SequenceEqual(labelNames))
        {
            throw new InvalidOperationException(
                $"Metric '{name}' is already registered as a {family.Type} with labels ({string.Join(", ", family.LabelNames)}).");
        }

        return typed;
    }
}
