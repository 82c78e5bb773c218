using EnergyOperator.Operator.Runtime.Metrics;

namespace EnergyOperator.Operator.Tests.Runtime;

public sealed class MetricsTests
{
    [Fact]
    public void RenderPrometheusText_CounterWithSpecialCharacters_EscapesHelpAndLabelValues()
    {
        var metrics = new OperatorMetrics();
        metrics.Counter("jobs_total", "Jobs\\done\nso far.", "name").Add(2, "a\"b\\c\nd");

        Assert.Equal(
            "# HELP jobs_total Jobs\\\\done\\nso far.\n# TYPE jobs_total counter\njobs_total{name=\"a\\\"b\\\\c\\nd\"} 2\n",
            metrics.RenderPrometheusText());
    }

    [Fact]
    public void RenderPrometheusText_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var metrics = new OperatorMetrics();
        var histogram = metrics.Histogram("latency_seconds", "Latency.", [0.1, 1], "controller");
        histogram.Observe(0.0625, "c");
        histogram.Observe(0.5, "c");
        histogram.Observe(4, "c");

        var text = metrics.RenderPrometheusText();

        Assert.Contains("latency_seconds_bucket{controller=\"c\",le=\"0.1\"} 1\n", text);
        Assert.Contains("latency_seconds_bucket{controller=\"c\",le=\"1\"} 2\n", text);
        Assert.Contains("latency_seconds_bucket{controller=\"c\",le=\"+Inf\"} 3\n", text);
        Assert.Contains("latency_seconds_sum{controller=\"c\"} 4.5625\n", text);
        Assert.Contains("latency_seconds_count{controller=\"c\"} 3\n", text);
    }

    [Fact]
    public void Counter_SameNameAsAGauge_Throws()
    {
        var metrics = new OperatorMetrics();
        metrics.Gauge("depth", "Depth.");

        Assert.Throws<InvalidOperationException>(() => metrics.Counter("depth", "Depth."));
    }

    [Fact]
    public void Counter_WrongNumberOfLabelValues_ThrowsNamingTheLabels()
    {
        var counter = new OperatorMetrics().Counter("reconcile_total", "Reconciles.", "controller", "result");

        var error = Assert.Throws<ArgumentException>(() => counter.Inc("only-one"));

        Assert.Contains("controller, result", error.Message);
    }
}
