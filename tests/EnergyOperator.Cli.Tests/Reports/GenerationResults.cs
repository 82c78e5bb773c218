using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Cli.Tests.Reports;

/// <summary>
/// A generation grid of a random-weight GPT-2 on an H200 at batch sizes 1 and 4 (made-up, round figures), with a FLOPs × TDP
/// baseline, and a cell past the model's context.
/// </summary>
internal static class GenerationResults
{
    public static readonly DecoderShape Gpt2 = new(124_439_808, 12, 768);

    public static BenchmarkReport Report()
    {
        IReadOnlyList<RunResult> runs = [Grid(batchSize: 1, prefillJoules: 2, decodeJoules: 10), Grid(batchSize: 4, prefillJoules: 4, decodeJoules: 16)];
        return SampleResults.Report() with { Benchmark = "grid", Runs = runs, Summary = BenchmarkSummary.From(runs) };
    }

    public static RunResult Grid(int batchSize, double prefillJoules, double decodeJoules, int repetition = 1)
    {
        var peak = AcceleratorPeaks.Find("NVIDIA H200")!;
        GenerationCell Cell(int input, int output, double scale) => GenerationCell.Measured(
            input, output, batchSize, new PhaseEnergy(prefillJoules * scale, 0.05 * scale, false, false), new PhaseEnergy(decodeJoules * scale, 0.5 * scale, false, false),
            FlopsTdpEstimate.For(peak, Gpt2, input, output, batchSize, prefillJoules * scale, decodeJoules * scale));
        return new RunResult
        {
            Name = $"grid-gpt2-h200-b{batchSize}-r{repetition}",
            Model = "gpt2",
            Engine = "generative",
            Hardware = "h200",
            BatchSize = batchSize,
            Repetition = repetition,
            Outcome = RunOutcome.Succeeded,
            EnergyOnly = true,
            Samples = 3 * batchSize,
            DurationSeconds = 2,
            SamplesPerSecond = 1.5 * batchSize,
            Generation = new GenerationResult
            {
                RandomWeights = true,
                Shape = Gpt2,
                Accelerator = peak.Name,
                Cells =
                [
                    Cell(32, 8, 1),
                    Cell(32, 64, 4),
                    Cell(512, 8, 8),
                    GenerationCell.Skipped(512, 1024, batchSize, "needs 1536 positions; the model has 1024"),
                ],
            },
        };
    }
}
