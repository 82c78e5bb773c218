using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Tests.Execution;

public sealed class RunExecutorEnergyOnlyTests
{
    [Fact]
    public async Task Execute_ModelWithRandomWeights_ReportsEnergyAndNoAccuracy()
    {
        var data = new DatasetSplit("mail", LabelSet.InOrder(["ham", "spam"]), new TextPartition(["a"], [0], [0]), new TextPartition(["b", "c"], [0, 1], [1, 2]));
        var plan = new RunPlan("r", new ModelSpec { Name = "m", Onnx = new() }, new HardwareTarget { Name = "t" }, 2, 1, ExecutionProvider.Cpu);
        var executor = new RunExecutor(new GpuAndCpuMeter(), new MeasurementSpec(), predictionWriter: null);

        var result = await executor.ExecuteAsync(
            plan, new PreparedModel(new FirstLabel(), 0, 0) { EnergyOnly = true }, data, new RuntimeSpec { WarmupBatches = 0 }, null, CancellationToken.None);

        Assert.True(result.EnergyOnly);
        Assert.Null(result.Accuracy);
        Assert.Null(result.MacroF1);
        Assert.Null(result.ConfusionMatrix);
        Assert.Equal(5, result.Energy!.Joules, 9);
        Assert.False(result.IsValidMeasurement);
    }
}
