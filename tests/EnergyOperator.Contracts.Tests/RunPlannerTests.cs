using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Contracts.Tests;

public sealed class RunPlannerTests
{
    [Fact]
    public void Expand_CrossesModelsTargetsBatchSizesAndRepetitions()
    {
        var benchmark = ManifestReader.Read("""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata: { name: sweep }
            spec:
              dataset: { builtin: spam-assassin }
              models:
                - { name: lr, classic: {} }
                - { name: lr-ort, classic: { engine: onnxruntime } }
              hardware:
                - { name: a100, gpus: 1, executionProvider: cuda }
                - { name: cpu }
              runtime: { batchSizes: [1, 8, 64], repetitions: 3 }
            """, "sweep.yaml").Single();

        var runs = RunPlanner.Expand(benchmark);

        Assert.Equal(2 * 2 * 3 * 3, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Name).Distinct().Count());
        Assert.Equal("sweep-lr-a100-b1-r1", runs[0].Name);
        Assert.Equal(ExecutionProvider.Cuda, runs[0].ExecutionProvider);
        Assert.Equal(ExecutionProvider.Cpu, runs.First(r => r.Hardware.Name == "cpu").ExecutionProvider);
        Assert.Equal("classic/onnxruntime", runs[^1].Engine);
    }

    [Fact]
    public void Expand_WithoutHardware_UsesTheLocalTarget()
    {
        var benchmark = new EnergyBenchmark
        {
            Metadata = new() { Name = "b" },
            Spec = new() { Models = [new() { Name = "m", Classic = new() }] },
        };

        var run = Assert.Single(RunPlanner.Expand(benchmark));

        Assert.Equal("local", run.Hardware.Name);
        Assert.Equal("b-m-local-b32-r1", run.Name);
    }

    [Fact]
    public void RunName_TooLongForADnsLabel_IsShortenedDeterministicallyAndStaysUnique()
    {
        var longName = new string('x', 40);

        var first = RunPlanner.RunName(longName, "model-with-a-long-name", "pool-a", 64, 1);
        var again = RunPlanner.RunName(longName, "model-with-a-long-name", "pool-a", 64, 1);
        var other = RunPlanner.RunName(longName, "model-with-a-long-name", "pool-b", 64, 1);

        Assert.True(first.Length <= 63, first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.EndsWith("-b64-r1", first);
        Assert.Matches(Patterns.DnsLabel, first);
    }
}
