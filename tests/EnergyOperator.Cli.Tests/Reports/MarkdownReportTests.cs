using EnergyOperator.Cli.Reports;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Render_HasTheSummaryAndBothTables()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.Report()));

        Assert.Contains("# Energy benchmark `spam`", markdown);
        Assert.Contains("**best accuracy**: 0.9700 (`bert/onnx/gpu/b32`)", markdown);
        Assert.Contains("## Configurations", markdown);
        Assert.Contains("| `bert/onnx/gpu/b32` | 1 | 0.9700 |", markdown);
        Assert.Contains("## Runs", markdown);
        Assert.Equal(SampleResults.Runs.Count, markdown.Split('\n').Count(line => line.StartsWith("| `spam-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_MarksEstimatedFiguresAndExplainsTheMarker()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.Report()));

        Assert.Contains($"| `{SampleResults.Cheap}` | 2 | 0.9300 | 0.9200 | ~0.002 |", markdown);
        Assert.Contains("| `bert/onnx/gpu/b32` | 1 | 0.9700 | 0.9600 | 0.05 |", markdown);
        Assert.Contains("> ~ estimated: no energy sensor", markdown);
    }

    [Fact]
    public void Render_EscapesPipesInsideCells()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.Report()));

        Assert.Contains("failed: RunnerFailed: OOM, \"killed\" \\| exit 137", markdown);
    }

    [Fact]
    public void Render_ClusterStatus_ShowsThePhase()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromCluster(SampleResults.ClusterBenchmark(SampleResults.Runs)));

        Assert.Contains("**phase**: Failed", markdown);
        Assert.Contains("**runs**: 4 of 4 done, 3 succeeded, 1 failed", markdown);
    }
}
