using EnergyOperator.Cli.Commands.Submit;
using EnergyOperator.Cli.Tests.Reports;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Tests.Submit;

public sealed class QualityGatesTests
{
    private static readonly BenchmarkSummary Summary = BenchmarkSummary.From(SampleResults.Runs.ToList());

    [Fact]
    public void MinAccuracy_AboveTheBest_FailsNamingTheBestConfiguration()
    {
        var verdict = new QualityGates(0.98, null, null).Evaluate(Summary);

        Assert.False(verdict.Passed);
        Assert.Equal($"gate failed: best accuracy 0.97 < 0.98 ({SampleResults.Accurate})", verdict.Message);
    }

    [Fact]
    public void EnergyGate_IsJudgedAmongConfigurationsMeetingTheAccuracyGate()
    {
        // The cheap configuration would pass 0.01 J/sample, but it is not accurate enough.
        var verdict = new QualityGates(0.95, 0.01, null).Evaluate(Summary);

        Assert.False(verdict.Passed);
        Assert.Equal($"gate failed: lowest joules per sample 0.05 > 0.01 ({SampleResults.Accurate}) among configurations with accuracy ≥ 0.95", verdict.Message);
    }

    [Fact]
    public void EnergyGate_OnAnEstimatedConfiguration_SaysSo()
    {
        var verdict = new QualityGates(null, null, 0.0001).Evaluate(Summary);

        Assert.False(verdict.Passed);
        Assert.Equal($"gate failed: lowest Wh per 1k samples ~0.0005556 > 0.0001 ({SampleResults.Cheap}, estimated)", verdict.Message);
    }

    [Fact]
    public void AllGatesMet_PassesWithTheCheapestConfigurationThatMeetsThem()
    {
        var verdict = new QualityGates(0.9, 0.01, 0.01).Evaluate(Summary);

        Assert.True(verdict.Passed);
        Assert.StartsWith($"gates passed: {SampleResults.Cheap} (accuracy 0.93, ~0.002 J/sample", verdict.Message);
        Assert.Contains("estimated energy", verdict.Message);
    }

    [Fact]
    public void NoSuccessfulRun_Fails()
    {
        var failed = SampleResults.Runs.Where(r => r.Outcome == RunOutcome.Failed).ToList();

        var verdict = new QualityGates(0.5, null, null).Evaluate(BenchmarkSummary.From(failed));

        Assert.False(verdict.Passed);
        Assert.Contains("no run succeeded", verdict.Message);
    }
}
