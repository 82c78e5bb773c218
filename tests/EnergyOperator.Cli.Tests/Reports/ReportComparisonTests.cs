using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class ReportComparisonTests
{
    [Fact]
    public void Of_MatchesConfigurationsByKey_AndListsTheRest()
    {
        var before = SampleResults.Report();
        var cpu = SampleResults.Runs.Where(r => r.Model == "lr").ToList();
        IReadOnlyList<RunResult> afterRuns = [.. cpu, SampleResults.Succeeded("minilm", "embedding", "local", 16, 1, accuracy: 0.95, joules: 1, estimated: true)];
        var after = before with { Runs = afterRuns, Summary = BenchmarkSummary.From(afterRuns) };

        var comparison = ReportComparison.Of(BenchmarkView.FromReport(before), BenchmarkView.FromReport(after));

        var lr = Assert.Single(comparison.Configurations);
        Assert.Equal((SampleResults.Cheap, 1.0, 1.0), (lr.Key, lr.JoulesPerSampleRatio, lr.AccuracyRatio));
        Assert.True(lr.Estimated);
        Assert.Equal([SampleResults.Accurate], comparison.OnlyBefore);
        Assert.Equal(["minilm/embedding/local/b16"], comparison.OnlyAfter);
    }

    [Fact]
    public void Markdown_MarksEstimatedRatiosAndNamesUnmatchedConfigurations()
    {
        var view = BenchmarkView.FromReport(SampleResults.Report());
        var comparison = ReportComparison.Of(view, view with { Summary = view.Summary with { Configurations = [view.Summary.Configurations[1]] } });

        var markdown = ComparisonReport.Markdown(comparison);

        Assert.Contains($"| `{SampleResults.Cheap}` | 0.9300 | 0.9300 | 1 | ~0.002 | ~0.002 | ~1 | 50 | 50 | 1 |", markdown);
        Assert.Contains($"- **only before**: `{SampleResults.Accurate}`", markdown);
        Assert.Contains("> ~ estimated", markdown);
    }
}
