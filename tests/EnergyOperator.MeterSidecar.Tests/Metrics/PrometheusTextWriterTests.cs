using EnergyOperator.Contracts.Observability;
using EnergyOperator.MeterSidecar.Metrics;

namespace EnergyOperator.MeterSidecar.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void WriteFamily_WritesHelpAndTypeBeforeSamples()
    {
        var text = new PrometheusTextWriter()
            .WriteFamily("energy_meter_samples_total", MetricType.Counter, "Samples.", [MetricSample.Unlabelled(3)])
            .ToString();

        Assert.Equal("# HELP energy_meter_samples_total Samples.\n# TYPE energy_meter_samples_total counter\nenergy_meter_samples_total 3\n", text);
    }

    [Fact]
    public void WriteFamily_LabelValuesWithBackslashQuoteAndNewline_AreEscaped()
    {
        var text = new PrometheusTextWriter()
            .WriteFamily("m", MetricType.Gauge, "h", [new MetricSample([new("device", "a\\b\"c\nd")], 1)])
            .ToString();

        Assert.Contains("m{device=\"a\\\\b\\\"c\\nd\"} 1\n", text);
        var parsed = ExpositionParser.Parse(text);
        Assert.Equal("a\\b\"c\nd", parsed.Samples.Single().Labels["device"]);
    }

    [Fact]
    public void WriteFamily_HelpWithBackslashAndNewline_IsEscapedButQuotesAreNot()
    {
        var text = new PrometheusTextWriter().WriteFamily("m", MetricType.Gauge, "one\\two\n\"three\"", []).ToString();

        Assert.StartsWith("# HELP m one\\\\two\\n\"three\"\n# TYPE m gauge\n", text);
    }

    [Fact]
    public void WriteFamily_SamplesInAnyOrder_AreWrittenSortedByLabels()
    {
        var text = new PrometheusTextWriter()
            .WriteFamily("m", MetricType.Gauge, "h", [
                new MetricSample([new("phase", "warmup")], 2),
                new MetricSample([new("phase", "idle-baseline")], 1),
                new MetricSample([new("phase", "inference")], 3),
            ])
            .ToString();

        var phases = ExpositionParser.Parse(text).Samples.Select(sample => sample.Labels["phase"]);
        Assert.Equal(["idle-baseline", "inference", "warmup"], phases);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(2.5, "2.5")]
    [InlineData(1e-7, "1E-07")]
    public void FormatValue_UsesPrometheusSpellings(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.FormatValue(value));

    [Theory]
    [InlineData("energy-meter")]
    [InlineData("1st")]
    [InlineData("")]
    public void WriteFamily_InvalidMetricName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new PrometheusTextWriter().WriteFamily(name, MetricType.Gauge, "h", []));

    [Fact]
    public void WriteFamily_InvalidLabelName_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            new PrometheusTextWriter().WriteFamily("m", MetricType.Gauge, "h", [new MetricSample([new("gpu-uuid", "x")], 1)]));
}
