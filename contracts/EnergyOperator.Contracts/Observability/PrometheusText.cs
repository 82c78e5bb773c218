using System.Globalization;
using System.Text;

namespace EnergyOperator.Contracts.Observability;

/// <summary>
/// The Prometheus text exposition format 0.0.4, once for every <c>/metrics</c> page of the project (the meter sidecar's
/// and the operator's): names, escaping, number formatting, and the HELP/TYPE and sample lines.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with the reserved <c>__</c>.</summary>
    public static bool IsValidLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>Help text escapes <c>\</c> and newlines.</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Label values escape <c>\</c>, <c>"</c> and newlines.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", @"\n", StringComparison.Ordinal);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary><c># HELP name text</c> and <c># TYPE name type</c>.</summary>
    public static void AppendHeader(StringBuilder text, string name, string type, string help)
    {
        if (!IsValidMetricName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name: use [a-zA-Z_:][a-zA-Z0-9_:]*.", nameof(name));
        }

        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary><c>name{a="x",b="y"} value</c>, labels in the order given.</summary>
    public static void AppendSample(StringBuilder text, string name, IEnumerable<KeyValuePair<string, string>> labels, double value)
    {
        text.Append(name).Append(FormatLabels(labels)).Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary><c>{a="x",b="y"}</c>, or nothing without labels.</summary>
    public static string FormatLabels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var text = new StringBuilder();
        foreach (var (label, value) in labels)
        {
            if (!IsValidLabelName(label))
            {
                throw new ArgumentException($"'{label}' is not a valid Prometheus label name: use [a-zA-Z_][a-zA-Z0-9_]*, not starting with '__'.", nameof(labels));
            }

            text.Append(text.Length == 0 ? "{" : ",").Append(label).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return text.Length == 0 ? string.Empty : text.Append('}').ToString();
    }
}
