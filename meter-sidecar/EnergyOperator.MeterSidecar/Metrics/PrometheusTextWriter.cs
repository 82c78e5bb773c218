using System.Text;
using EnergyOperator.Contracts.Observability;

namespace EnergyOperator.MeterSidecar.Metrics;

/// <summary>
/// Builds the sidecar's exposition page: per family the HELP and TYPE lines, then its series sorted by their label set so
/// scrapes diff cleanly. The format's rules live in <see cref="PrometheusText"/>.
/// </summary>
internal sealed class PrometheusTextWriter
{
    private readonly StringBuilder _text = new();

    /// <exception cref="ArgumentException">The metric or a label name is not a valid Prometheus name.</exception>
    public PrometheusTextWriter WriteFamily(string name, MetricType type, string help, IEnumerable<MetricSample> samples)
    {
        PrometheusText.AppendHeader(_text, name, type == MetricType.Counter ? "counter" : "gauge", help);
        var lines = samples
            .Select(sample => (Labels: PrometheusText.FormatLabels(sample.Labels), sample.Value))
            .OrderBy(sample => sample.Labels, StringComparer.Ordinal);
        foreach (var (labels, value) in lines)
        {
            _text.Append(name).Append(labels).Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
