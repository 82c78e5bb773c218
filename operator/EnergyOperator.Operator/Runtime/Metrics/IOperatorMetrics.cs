namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>
/// A registry of metric families that a <c>/metrics</c> endpoint renders. Creating a family twice with the same name
/// returns the existing one, so that components can declare what they update without coordinating.
/// </summary>
public interface IOperatorMetrics
{
    MetricCounter Counter(string name, string help, params string[] labelNames);

    MetricGauge Gauge(string name, string help, params string[] labelNames);

    /// <param name="buckets">Upper bounds, ascending; <c>+Inf</c> is implied.</param>
    MetricHistogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames);

    /// <summary>Every family in the Prometheus text exposition format 0.0.4 (<c>text/plain; version=0.0.4</c>).</summary>
    void WritePrometheusText(TextWriter writer);
}
