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
    public void From_RepetitionsThatDisagreeByMoreThanFivePercent_FlagTheirConfigurationUnstable()
    {
        RunResult[] runs =
        [
            Run("steady", 1, 0.9, joules: 10.0), Run("steady", 2, 0.9, joules: 10.2), Run("steady", 3, 0.9, joules: 9.9),
            Run("noisy", 1, 0.9, joules: 10.0), Run("noisy", 2, 0.9, joules: 13.0),
        ];

        var summary = BenchmarkSummary.From(runs);

        var steady = Assert.Single(summary.Configurations, c => c.Model == "steady");
        var noisy = Assert.Single(summary.Configurations, c => c.Model == "noisy");
        Assert.False(steady.Unstable);
        Assert.InRange(steady.JoulesPerSampleCv, 0.01, 0.05);
        Assert.True(noisy.Unstable);
        Assert.Equal(Math.Sqrt(4.5) / 11.5, noisy.JoulesPerSampleCv, 9);
    }

    [Fact]
    public void From_RuntimeFit_RecoversTheWattsOfRunsWhoseEnergyIsProportionalToTime()
    {
        // 300 W plus noise: E = 300 t ± 1 %, on a GPU target.
        RunResult[] runs =
        [
            Timed("a", 1, seconds: 2, joules: 606), Timed("a", 2, seconds: 4, joules: 1194),
            Timed("b", 1, seconds: 10, joules: 3003), Timed("b", 2, seconds: 7, joules: 2097),
        ];

        var summary = BenchmarkSummary.From(runs);

        var fit = Assert.Single(summary.RuntimeFits);
        Assert.Equal(("h200", 1, 4, false), (fit.Hardware, fit.Gpus, fit.Runs, fit.Estimated));
        Assert.Equal(300, fit.Watts, 0);
        Assert.InRange(fit.RSquared, 0.999, 1);
        Assert.Equal(6900.0 / 23, fit.MeanWatts, 9);
        var a = Assert.Single(summary.Configurations, c => c.Model == "a");
        Assert.Equal(fit.Watts * 3 / 100, a.ProxyJoulesPerSample!.Value, 9);
    }

    [Fact]
    public void From_RuntimeFit_ComparesRunsPerSample_SoWindowsStretchedToOneLengthStillFit()
    {
        // minWindowSeconds stretched every window to 5 s; the models differ 100× in seconds per sample at 400 W.
        RunResult[] runs =
        [
            Timed("fast", 1, seconds: 5, joules: 2000, samples: 100_000), Timed("mid", 1, seconds: 5, joules: 2020, samples: 10_000),
            Timed("slow", 1, seconds: 5, joules: 1990, samples: 1_000),
        ];

        var fit = Assert.Single(BenchmarkSummary.From(runs).RuntimeFits);

        Assert.InRange(fit.Watts, 396, 404);
        Assert.InRange(fit.RSquared, 0.999, 1);
    }

    [Fact]
    public void From_RunsOnOneAndTwoGpus_FitTheBasePowerAndThePowerPerGpu()
    {
        // E = (100 + 300·G)·t: one GPU draws 400 W, two draw 700 W.
        RunResult[] runs =
        [
            OnGpus("one", 1, gpus: 1, seconds: 2, joules: 800), OnGpus("one", 2, gpus: 1, seconds: 5, joules: 2000),
            OnGpus("two", 1, gpus: 2, seconds: 3, joules: 2100), OnGpus("two", 2, gpus: 2, seconds: 1, joules: 700),
        ];

        var fit = BenchmarkSummary.From(runs).GpuRuntimeFit!;

        Assert.Equal(100, fit.BaseWatts, 6);
        Assert.Equal(300, fit.WattsPerGpu, 6);
        Assert.Equal(1, fit.RSquared, 9);
        Assert.Null(BenchmarkSummary.From(runs[..2]).GpuRuntimeFit);
    }

    [Fact]
    public void From_CarbonOnlyWithAGridIntensity_AndARelativeRatingOverTheLogOfTheEnergyRange()
    {
        RunResult[] runs = [Run("tiny", 1, 0.9, joules: 0.01), Run("mid", 1, 0.9, joules: 1), Run("huge", 1, 0.9, joules: 100)];

        var without = BenchmarkSummary.From(runs);
        var with = BenchmarkSummary.From(runs, gridIntensityGramsPerKWh: 400);

        Assert.Null(without.TotalGramsCo2e);
        Assert.All(without.Configurations, c => Assert.Null(c.GramsCo2ePer1k));
        Assert.Equal(400 * 101.01 / 3.6e6, with.TotalGramsCo2e!.Value, 12);
        var huge = Assert.Single(with.Configurations, c => c.Model == "huge");
        Assert.Equal(400 * huge.WhPer1k / 1000, huge.GramsCo2ePer1k!.Value, 12);
        Assert.Equal([5, 3, 1], new[] { "tiny", "mid", "huge" }.Select(m => with.Configurations.Single(c => c.Model == m).RelativeRating));
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

    private static RunResult OnGpus(string model, int repetition, int gpus, double seconds, double joules) =>
        Run(model, repetition, 0.9, joules) with
        {
            Hardware = $"gpu{gpus}",
            DurationSeconds = seconds,
            Energy = new RunEnergy(joules, false, joules / 100, joules / 100 / 3.6, joules / seconds, null, false,
                [.. Enumerable.Range(0, gpus).Select(i => new EnergyReading("nvml", "gpu", $"GPU-{i}", joules / gpus, joules / seconds / gpus, null, 10, EnergyMethod.Counter, false))]),
        };

    private static RunResult Timed(string model, int repetition, double seconds, double joules, int samples = 100) =>
        Run(model, repetition, 0.9, joules) with
        {
            Hardware = "h200",
            DurationSeconds = seconds,
            Samples = samples,
            Energy = new RunEnergy(joules, false, joules / samples, joules / samples / 3.6, joules / seconds, null, false,
                [new EnergyReading("nvml", "gpu", "GPU-1", joules, joules / seconds, null, 10, EnergyMethod.Counter, false)]),
        };

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
