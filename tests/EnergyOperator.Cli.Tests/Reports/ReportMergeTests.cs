using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class ReportMergeTests
{
    private static BenchmarkReport Part(string hardware) =>
        SampleResults.StudyReport() is var study
            ? study with { Runs = [.. study.Runs.Where(r => r.Hardware == hardware)], Summary = BenchmarkSummary.From([.. study.Runs.Where(r => r.Hardware == hardware)], gridIntensityGramsPerKWh: 400) }
            : throw new InvalidOperationException();

    [Fact]
    public void Of_HalvesRunOnDifferentTargets_SummarisesEveryRunAsOneBenchmarkWould()
    {
        var whole = SampleResults.StudyReport();

        var merged = ReportMerge.Of([Part("local"), Part("gpu")]);

        Assert.Equal(whole.Runs.Select(r => r.Name).Order(), merged.Runs.Select(r => r.Name).Order());
        Assert.Equal(whole.Summary.Configurations.Select(c => c.Key).Order(), merged.Summary.Configurations.Select(c => c.Key).Order());
        Assert.Equal(whole.Summary.TotalJoules, merged.Summary.TotalJoules, 9);
        Assert.Equal(whole.Summary.Pareto, merged.Summary.Pareto);
        Assert.Equal(400, merged.Summary.GridIntensityGramsPerKWh);
    }

    [Fact]
    public void Of_PartsOfDifferentSplits_IsRefusedNamingTheSplits()
    {
        var other = Part("gpu") with { Dataset = Part("gpu").Dataset with { Split = "0ther" } };

        var error = Assert.Throws<ArgumentException>(() => ReportMerge.Of([Part("local"), other]));

        Assert.Contains("0ther", error.Message);
    }

    [Fact]
    public void Of_TheSameRunTwice_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportMerge.Of([Part("gpu"), Part("gpu")]));

        Assert.Contains("spam-bert-gpu-b32-r1", error.Message);
    }

    [Fact]
    public void Of_PartsFromTwoMachines_IsRefusedRatherThanDescribedAsOne()
    {
        var elsewhere = Part("gpu") with { Host = Part("gpu").Host with { MachineName = "gpu-node" } };

        var error = Assert.Throws<ArgumentException>(() => ReportMerge.Of([Part("local"), elsewhere]));

        Assert.Contains("gpu-node", error.Message);
    }
}
