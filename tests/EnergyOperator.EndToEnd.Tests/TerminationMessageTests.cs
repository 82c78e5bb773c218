using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Runner.Pod;

namespace EnergyOperator.EndToEnd.Tests;

public sealed class TerminationMessageTests
{
    private static RunResult Result(int classes) => new()
    {
        Name = "spam-lr-local-b16-r1",
        Model = "lr",
        Engine = "classic/native",
        Hardware = "local",
        BatchSize = 16,
        Repetition = 1,
        Outcome = RunOutcome.Succeeded,
        Accuracy = 0.97,
        PerClass = [.. Enumerable.Range(0, classes).Select(i => new ClassScore($"label-{i}", 0.9, 0.8, 0.85, 10))],
        ConfusionMatrix = [.. Enumerable.Range(0, classes).Select(i => (IReadOnlyList<int>)[.. Enumerable.Repeat(i, classes)])],
    };

    [Fact]
    public void Compact_GenerationGrid_DropsItsBaselinesThenKeepsTheFirstCellsThatFit_AndSaysSo()
    {
        var shape = new DecoderShape(124_439_808, 12, 768);
        var peak = AcceleratorPeaks.Find("NVIDIA H200")!;
        var cells = Enumerable.Range(1, 40).Select(i => GenerationCell.Measured(
            32 * i, 8, 4, new PhaseEnergy(1, 0.1, false, false), new PhaseEnergy(2, 0.2, false, false), FlopsTdpEstimate.For(peak, shape, 32 * i, 8, 4, 1, 2))).ToList();
        var grid = Result(0) with { Accuracy = null, PerClass = null, ConfusionMatrix = null, EnergyOnly = true, Generation = new GenerationResult { Shape = shape, Cells = cells } };

        var json = TerminationMessage.Compact(grid);

        Assert.True(Encoding.UTF8.GetByteCount(json) <= RunnerPod.TerminationMessageLimit);
        var read = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.RunResult)!;
        var kept = read.Generation!.Cells;
        Assert.InRange(kept.Count, 1, 39);
        Assert.Equal(cells.Take(kept.Count).Select(c => c with { Estimate = null }), kept);
        Assert.Equal(shape, read.Generation.Shape);
        Assert.Contains($"(generation.cells[].estimate, generation.cells after the first {kept.Count} of 40 dropped)", read.Message);

        // One more cell would not have fitted.
        var oneMore = grid with { Generation = grid.Generation with { Cells = [.. cells.Take(kept.Count + 1).Select(c => c with { Estimate = null })] } };
        Assert.True(Encoding.UTF8.GetByteCount(TerminationMessage.Serialize(oneMore with { Message = read.Message })) > RunnerPod.TerminationMessageLimit);
    }

    [Fact]
    public void Compact_SmallResult_IsTheWholeResult()
    {
        var json = TerminationMessage.Compact(Result(2));

        var read = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.RunResult)!;
        Assert.Equal(2, read.PerClass!.Count);
        Assert.Null(read.Message);
    }

    [Fact]
    public void Compact_ManyClasses_DropsPerClassFirst_StaysUnderTheLimitAndSaysSo()
    {
        var json = TerminationMessage.Compact(Result(30));

        Assert.True(Encoding.UTF8.GetByteCount(json) <= RunnerPod.TerminationMessageLimit);
        var read = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.RunResult)!;
        Assert.Null(read.PerClass);
        Assert.Equal(0.97, read.Accuracy);
        Assert.Contains("perClass dropped", read.Message);
        Assert.Contains(RunnerPod.RunResultFile, read.Message);
    }

    [Fact]
    public void Compact_HugeMatrix_DropsTheConfusionMatrixToo()
    {
        var read = JsonSerializer.Deserialize(TerminationMessage.Compact(Result(200)), ContractsJsonContext.Default.RunResult)!;

        Assert.Null(read.ConfusionMatrix);
        Assert.Contains("perClass, confusionMatrix dropped", read.Message);
    }
}
