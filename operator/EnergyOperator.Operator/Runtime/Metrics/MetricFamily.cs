using System.Collections.Concurrent;
using System.Text;
using EnergyOperator.Contracts.Observability;

namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>One metric name with its help text, type and a series per combination of label values.</summary>
public abstract class MetricFamily
{
    private readonly ConcurrentDictionary<LabelValues, object> _series = new();

    private protected MetricFamily(string name, string help, string type, string[] labelNames)
    {
        if (!PrometheusText.IsValidMetricName(name))
        {
            throw new ArgumentException($"Metric name '{name}' is not valid: use [a-zA-Z_:][a-zA-Z0-9_:]*.", nameof(name));
        }

        foreach (var label in labelNames)
        {
            if (!PrometheusText.IsValidLabelName(label))
            {
                throw new ArgumentException($"Label name '{label}' of metric '{name}' is not valid: use [a-zA-Z_][a-zA-Z0-9_]*, not starting with '__'.", nameof(labelNames));
            }
        }

        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    internal void WriteTo(TextWriter writer)
    {
        var header = new StringBuilder();
        PrometheusText.AppendHeader(header, Name, Type, Help);
        writer.Write(header);
        foreach (var (labels, series) in _series.OrderBy(pair => pair.Key))
        {
            WriteSeries(writer, labels, series);
        }
    }

    private protected TSeries Series<TSeries>(string[] labelValues, Func<TSeries> create)
        where TSeries : class
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"Metric '{Name}' takes {LabelNames.Count} label value(s) ({string.Join(", ", LabelNames)}), got {labelValues.Length}.", nameof(labelValues));
        }

        return (TSeries)_series.GetOrAdd(new LabelValues(labelValues), _ => create());
    }

    private protected abstract void WriteSeries(TextWriter writer, LabelValues labels, object series);

    /// <summary><c>name{a="x",b="y"} value</c>; <paramref name="extraLabel"/> is a histogram's <c>le</c>.</summary>
    private protected void WriteSample(TextWriter writer, string suffix, LabelValues labels, double value, (string Name, string Value)? extraLabel = null)
    {
        var pairs = LabelNames.Zip(labels.Values, KeyValuePair.Create).ToList();
        if (extraLabel is { } extra)
        {
            pairs.Add(KeyValuePair.Create(extra.Name, extra.Value));
        }

        var line = new StringBuilder();
        PrometheusText.AppendSample(line, Name + suffix, pairs, value);
        writer.Write(line);
    }

    /// <summary>Label values compared by content, so that a series is found again from a fresh array.</summary>
    private protected sealed class LabelValues(string[] values) : IEquatable<LabelValues>, IComparable<LabelValues>
    {
        public IReadOnlyList<string> Values => values;

        public bool Equals(LabelValues? other) => other is not null && values.AsSpan().SequenceEqual(other.Values.ToArray());

        public override bool Equals(object? obj) => Equals(obj as LabelValues);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in values)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }

        public int CompareTo(LabelValues? other)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var order = string.CompareOrdinal(values[i], other!.Values[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }
    }
}
