using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EnergyOperator.MeterSidecar.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: per family a <c># HELP</c> and a <c># TYPE</c> line, then its
/// series sorted by their label set so scrapes diff cleanly. Escapes <c>\</c> and newlines in help text and
/// <c>\</c>, <c>"</c> and newlines in label values, as the format requires.
/// </summary>
internal sealed partial class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <exception cref="ArgumentException">The metric or a label name is not a valid Prometheus name.</exception>
    public PrometheusTextWriter WriteFamily(string name, MetricType type, string help, IEnumerable<MetricSample> samples)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name.", nameof(name));
        }

        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type == MetricType.Counter ? "counter" : "gauge").Append('\n');
        var lines = samples
            .Select(sample => (Labels: FormatLabels(sample.Labels), sample.Value))
            .OrderBy(sample => sample.Labels, StringComparer.Ordinal);
        foreach (var (labels, value) in lines)
        {
            _text.Append(name).Append(labels).Append(' ').Append(FormatValue(value)).Append('\n');
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    internal static string EscapeHelp(string help) =>
        help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", @"\n", StringComparison.Ordinal);

    internal static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string FormatLabels(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (labels.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("{");
        foreach (var (label, value) in labels)
        {
            if (!LabelName().IsMatch(label))
            {
                throw new ArgumentException($"'{label}' is not a valid Prometheus label name.", nameof(labels));
            }

            text.Append(text.Length > 1 ? "," : string.Empty).Append(label).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return text.Append('}').ToString();
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
