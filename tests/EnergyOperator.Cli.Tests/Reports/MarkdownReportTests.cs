using EnergyOperator.Cli.Reports;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class MarkdownReportTests
{
    /// <summary><c>ENERGY_REGENERATE_GOLDEN=1</c> rewrites the golden file from the renderer; review the diff before committing it.</summary>
    [Fact]
    public void Render_StudyReport_MatchesTheGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EnergyOperator.Cli.Tests", "Reports", "Golden", "study.md");
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.StudyReport()));

        if (Environment.GetEnvironmentVariable("ENERGY_REGENERATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, markdown);
        }

        Assert.Equal(File.ReadAllText(golden), markdown);
    }

    [Fact]
    public void Render_RelativeEnergy_IsJoulesPerSampleOverTheCheapestConfigurations()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.Report()));

        // 0.05 J/sample (measured) against the estimated 0.002: the ratio inherits the estimate's marker.
        Assert.Contains("| ~25× |", markdown);
        Assert.Contains("| ~1× |", markdown);
    }

    [Fact]
    public void Render_FlagsRepetitionsThatDisagree()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.StudyReport()));

        var lines = markdown.Split('\n');
        Assert.Single(lines, line => line.StartsWith("| `bert/onnx/gpu/b32` | 2 |", StringComparison.Ordinal) && line.EndsWith("**unstable** |", StringComparison.Ordinal));
        Assert.DoesNotContain("unstable", Assert.Single(lines, line => line.StartsWith($"| `{SampleResults.Cheap}` | 2 |", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_WithoutAGridIntensityOrAFit_LeavesThoseSectionsOut()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(SampleResults.Report() with { Summary = SampleResults.Report().Summary with { RuntimeFits = [], GpuRuntimeFit = null } }));

        Assert.DoesNotContain("## Carbon", markdown);
        Assert.DoesNotContain("## Runtime as a proxy", markdown);
    }

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

        Assert.Contains($"| `{SampleResults.Cheap}` | 2 | 0.9300 | 0.9200 | ~0.000111 | 2 | ~0.002 |", markdown);
        Assert.Contains("| `bert/onnx/gpu/b32` | 1 | 0.9700 | 0.9600 | 0.001389 | 2 | 0.05 |", markdown);
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
