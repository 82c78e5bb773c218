using EnergyOperator.Contracts.Observability;

namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>Observations counted into cumulative buckets, with their sum and count.</summary>
public sealed class MetricHistogram : MetricFamily
{
    private readonly double[] _buckets;

    internal MetricHistogram(string name, string help, IReadOnlyList<double> buckets, string[] labelNames)
        : base(name, help, "histogram", labelNames)
    {
        if (buckets.Count == 0 || buckets.Zip(buckets.Skip(1)).Any(pair => pair.First >= pair.Second))
        {
            throw new ArgumentException($"Histogram '{name}' needs at least one bucket bound, strictly ascending.", nameof(buckets));
        }

        if (labelNames.Contains("le"))
        {
            throw new ArgumentException($"Histogram '{name}' cannot have a label named 'le': it is the bucket bound.", nameof(labelNames));
        }

        _buckets = [.. buckets];
    }

    public void Observe(double value, params string[] labelValues) => Series(labelValues, () => new Cells(_buckets.Length)).Observe(_buckets, value);

    /// <summary>How many observations one series has.</summary>
    public long Count(params string[] labelValues) => Series(labelValues, () => new Cells(_buckets.Length)).Snapshot().Count;

    private protected override void WriteSeries(TextWriter writer, LabelValues labels, object series)
    {
        var (counts, sum, count) = ((Cells)series).Snapshot();
        long cumulative = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            cumulative += counts[i];
            WriteSample(writer, "_bucket", labels, cumulative, ("le", PrometheusText.FormatValue(_buckets[i])));
        }

        WriteSample(writer, "_bucket", labels, count, ("le", "+Inf"));
        WriteSample(writer, "_sum", labels, sum);
        WriteSample(writer, "_count", labels, count);
    }

    private sealed class Cells(int buckets)
    {
        private readonly Lock _gate = new();
        private readonly long[] _counts = new long[buckets];
        private double _sum;
        private long _count;

        public void Observe(double[] bounds, double value)
        {
            lock (_gate)
            {
                var index = Array.FindIndex(bounds, bound => value <= bound);
                if (index >= 0)
                {
                    _counts[index]++;
                }

                _sum += value;
                _count++;
            }
        }

        public (long[] Counts, double Sum, long Count) Snapshot()
        {
            lock (_gate)
            {
                return ([.. _counts], _sum, _count);
            }
        }
    }
}
