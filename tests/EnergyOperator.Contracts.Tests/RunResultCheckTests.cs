using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Contracts.Tests;

public sealed class RunResultCheckTests
{
    private static readonly RunPlan Plan = new("b-lr-local-b8-r1", new ModelSpec { Name = "lr", Classic = new() }, RunPlanner.LocalTarget, 8, 1, ExecutionProvider.Cpu);

    private static RunResult Measured(double accuracy = 0.9, double joules = 10)
    {
        var reading = new EnergyReading("rapl", "package", null, joules, joules / 2, null, 10, EnergyMethod.Counter, Estimated: false);
        return Plan.Result(RunOutcome.Succeeded) with
        {
            Accuracy = accuracy,
            Samples = 100,
            DurationSeconds = 2,
            SamplesPerSecond = 50,
            Energy = RunEnergy.FromWindow(new WindowMeasurement("inference", DateTimeOffset.UnixEpoch, 2, [reading]), 100),
        };
    }

    [Fact]
    public void FindProblem_ItsOwnSaneResult_IsNone() => Assert.Null(RunResultCheck.FindProblem(Measured(), Plan));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(7)]
    [InlineData(-0.01)]
    public void FindProblem_AccuracyOutsideZeroToOne_IsNamed(double accuracy) =>
        Assert.StartsWith("accuracy is", RunResultCheck.FindProblem(Measured(accuracy), Plan));

    [Theory]
    [InlineData(-1)]
    [InlineData(1.7e308)]
    [InlineData(double.NaN)]
    public void FindProblem_JoulesNegativeNonFiniteOrAbsurd_IsNamed(double joules) =>
        Assert.StartsWith("energy.joules is", RunResultCheck.FindProblem(Measured(joules: joules), Plan));

    [Fact]
    public void FindProblem_AnotherBatchSize_SaysWhichRunItIs()
    {
        var problem = RunResultCheck.FindProblem(Measured() with { BatchSize = 64 }, Plan);

        Assert.Contains("lr/classic/native/local/b64/r1", problem);
        Assert.Contains("not of", problem);
    }

    [Theory]
    [InlineData(0, 2, 16)]
    [InlineData(2_000_000_000_000_000, 2, 16)]
    [InlineData(1000, 0, 16)]
    [InlineData(1000, 2, -1)]
    public void FindProblem_GenerationShapeTheSchemaWouldRefuse_IsNamed(long parameters, int layers, int hiddenSize)
    {
        var plan = Plan with { Model = new ModelSpec { Name = "lr", Generative = new() { Path = "/m" } } };
        var result = plan.Result(RunOutcome.Succeeded) with
        {
            EnergyOnly = true,
            Generation = new GenerationResult { Shape = new DecoderShape(parameters, layers, hiddenSize), Cells = [GenerationCell.Skipped(8, 4, 8, "too long")] },
        };

        Assert.Null(RunResultCheck.FindProblem(result with { Generation = result.Generation with { Shape = new DecoderShape(1000, 2, 16) } }, plan));
        Assert.StartsWith("generation.shape", RunResultCheck.FindProblem(result, plan));
    }

    [Fact]
    public void FindProblem_FailedResultWithAnUnnamedReason_IsRejected() =>
        Assert.NotNull(RunResultCheck.FindProblem(Plan.Failed("Oops, see http://x", "m"), Plan));

    [Fact]
    public void Summary_OfTwoRunsAtTheLargestAcceptedFigure_StaysFinite()
    {
        var runs = new[] { Measured(joules: RunResultCheck.MaxFigure), Measured(joules: RunResultCheck.MaxFigure) with { Repetition = 2 } };
        Assert.All(runs, r => Assert.Null(RunResultCheck.FindProblem(r, Plan with { Repetition = r.Repetition })));

        var summary = BenchmarkSummary.From(runs);

        Assert.True(double.IsFinite(summary.TotalJoules));
        Assert.All(summary.Configurations, c => Assert.True(double.IsFinite(c.JoulesPerSampleStdDev) && double.IsFinite(c.JoulesPerSample)));
    }
}
