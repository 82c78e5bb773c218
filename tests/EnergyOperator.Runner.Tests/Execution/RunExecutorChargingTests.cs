using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>Which readings a run is charged for, on a machine whose meter sees a GPU and the CPU.</summary>
public sealed class RunExecutorChargingTests
{
    private static readonly DatasetSplit Data = new(
        "mail", LabelSet.InOrder(["ham", "spam"]), new TextPartition(["a"], [0], [0]), new TextPartition(["b", "c"], [0, 1], [1, 2]));

    [Theory]
    [InlineData(ExecutionProvider.Cpu, 0, new[] { MeterKind.Auto }, false)]
    [InlineData(ExecutionProvider.Cuda, 0, new[] { MeterKind.Auto }, true)]
    [InlineData(ExecutionProvider.Cpu, 1, new[] { MeterKind.Auto }, true)]
    [InlineData(ExecutionProvider.Cpu, 0, new[] { MeterKind.Nvml, MeterKind.Estimate }, true)]
    public async Task Execute_ChargesAGpuOnlyToRunsThatUseOneUnlessTheManifestNamesNvml(
        ExecutionProvider provider, int gpus, MeterKind[] meters, bool charged)
    {
        var plan = new RunPlan("r", new ModelSpec { Name = "m", Classic = new() }, new HardwareTarget { Name = "t", Gpus = gpus }, 2, 1, provider);
        var executor = new RunExecutor(new GpuAndCpuMeter(), new MeasurementSpec { Meters = meters }, predictionWriter: null);

        var result = await executor.ExecuteAsync(plan, new PreparedModel(new FirstLabel(), 0, 0), Data, new RuntimeSpec { WarmupBatches = 0 }, null, CancellationToken.None);

        Assert.Equal(charged, result.Energy!.Readings.Any(r => r.Domain == EnergyDomains.Gpu));
        Assert.Equal(charged ? 80 + 5 : 5, result.Energy.Joules, 9);
    }
}
