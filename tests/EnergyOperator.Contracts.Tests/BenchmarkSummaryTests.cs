using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Contracts.Tests;

public sealed class BenchmarkSummaryTests
{
    [Fact]
    public void From_AggregatesRepetitionsAndFindsParetoSet()
    {
        RunResult[] runs =
        [
            Run("cheap", 1, accuracy: 0.90, joules: 1.0),
            Run("cheap", 2, accuracy: 0.90, joules: 3.0),
            Run("accurate", 1, accuracy: 0.99, joules: 50),
            Run("dominated", 1, accuracy: 0.85, joules: 60),
            Run("broken", 1, accuracy: 0.99, joules: 0.1) with { Outcome = RunOutcome.Failed, Energy = null, Accuracy = null, Reason = "RunnerFailed" },
        ];

        var summary = BenchmarkSummary.From(runs);

        Assert.Equal(5, summary.RunsTotal);
        Assert.Equal(4, summary.RunsSucceeded);
        Assert.Equal(1, summary.RunsFailed);
        var cheap = Assert.Single(summary.Configurations, c => c.Model == "cheap");
        Assert.Equal(2, cheap.Repetitions);
        Assert.Equal(0.02, cheap.JoulesPerSample, 12);
        Assert.Equal(Math.Sqrt(2) * 0.01, cheap.JoulesPerSampleStdDev, 12);
        Assert.Equal(["cheap/classic/native/local/b32", "accurate/classic/native/local/b32"], summary.Pareto);
        Assert.Equal(0.99, summary.BestAccuracy);
        Assert.Equal("cheap/classic/native/local/b32", summary.LowestJoulesPerSampleConfiguration);
        Assert.Equal(114, summary.TotalJoules, 9);
        Assert.True(summary.Estimated);
    }

    [Fact]
    public void FromWindow_ComputesPerSampleFigures()
    {
        var window = new WindowMeasurement("inference", DateTimeOffset.UnixEpoch, 2.0,
        [
            new EnergyReading("rapl", "cpu-package", "intel-rapl:0", 30, 15, 20, 20, EnergyMethod.Counter, false),
            new EnergyReading("rapl", "dram", "intel-rapl:0:0", 6, 3, 4, 20, EnergyMethod.Counter, false),
        ]);

        var energy = RunEnergy.FromWindow(window, samples: 100);

        Assert.Equal(36, energy.Joules);
        Assert.Equal(0.36, energy.JoulesPerSample, 12);
        Assert.Equal(0.1, energy.WhPer1k, 12);
        Assert.Equal(18, energy.AverageWatts);
        Assert.Equal(24, energy.PeakWatts);
        Assert.False(energy.Estimated);
    }

    [Fact]
    public void FromWindow_NoSamples_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RunEnergy.FromWindow(new WindowMeasurement("inference", DateTimeOffset.UnixEpoch, 1, []), 0));

    private static RunResult Run(string model, int repetition, double accuracy, double joules) => new()
    {
        Name = $"{model}-{repetition}",
        Model = model,
        Engine = "classic/native",
        Hardware = "local",
        BatchSize = 32,
        Repetition = repetition,
        Accuracy = accuracy,
        MacroF1 = accuracy,
        Samples = 100,
        DurationSeconds = 1,
        SamplesPerSecond = 100,
        Energy = new RunEnergy(joules, true, joules / 100, joules / 100 / 3.6, joules, null, false,
            [new EnergyReading("estimate", "cpu", null, joules, joules, null, 10, EnergyMethod.Model, true)]),
    };
}
