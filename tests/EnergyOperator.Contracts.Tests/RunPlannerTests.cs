using System.Text.Json;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.Validation;
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
    public void Expand_ModelNamingTargets_RunsOnlyOnThoseAndKeepsOtherModelsOnAll()
    {
        var benchmark = ManifestReader.Read("""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata: { name: study }
            spec:
              dataset: { builtin: spam-assassin }
              models:
                - { name: lr, classic: {} }
                - { name: fp16, hardware: [h200], onnx: { path: /m.onnx, tokenizer: { vocab: /v.txt } } }
              hardware:
                - { name: cpu }
                - { name: h200, gpus: 1, executionProvider: cuda }
              runtime: { repetitions: 2 }
            """, "study.yaml").Single();

        var runs = RunPlanner.Expand(benchmark);

        Assert.Equal(2 * 2 + 2, runs.Count);
        Assert.All(runs.Where(r => r.Model.Name == "fp16"), r => Assert.Equal("h200", r.Hardware.Name));
        Assert.Equal(["cpu", "h200"], runs.Where(r => r.Model.Name == "lr").Select(r => r.Hardware.Name).Distinct());
    }

    [Fact]
    public void Read_ModelNamingAnUnknownTarget_NamesTheFieldAndTheKnownTargets()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read("""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata: { name: study }
            spec:
              dataset: { builtin: spam-assassin }
              models:
                - { name: lr, hardware: [h100, cpu, cpu], classic: {} }
              hardware:
                - { name: cpu }
                - { name: h200, gpus: 1 }
            """, "study.yaml"));

        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.models[0].hardware", StringComparison.Ordinal) && p.Message.Contains("'h100'") && p.Message.Contains("cpu, h200"));
        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.models[0].hardware", StringComparison.Ordinal) && p.Message.Contains("repeated: cpu"));
    }

    [Fact]
    public void Digest_OfAModelWithoutHardware_IsUnchangedByTheField()
    {
        var model = new ModelSpec { Name = "m", Classic = new() };
        var run = new RunPlan("r", model, RunPlanner.LocalTarget, 32, 1, ExecutionProvider.Cpu);

        // Pods created before models could name targets must still be recognised as their runs': an unset field is not serialized.
        Assert.DoesNotContain("hardware", JsonSerializer.Serialize(model, ContractsJsonContext.Default.ModelSpec));
        Assert.NotEqual(run.Digest("uid"), (run with { Model = model with { Hardware = ["local"] } }).Digest("uid"));
    }

    [Theory]
    // Pinned: pods of classifier and zero-shot runs created before the workload entered digests must still be their runs'.
    [InlineData("{ name: lr, classic: {} }", "5b23ad709e4bee0c518bc391182fdf7f33e433507d27fa54bd2bcf86ce10306a")]
    [InlineData("{ name: zs, server: { url: http://127.0.0.1:8000, model: m, zeroShot: { promptTemplate: '{text}' } } }", "feb02a08c429522ebafb7533aaee33ec9c25677b0f9be387fb3802f5cb416597")]
    public void Digest_OfARunWithoutAGrid_IsPinnedAndIgnoresTheWorkload(string model, string digest)
    {
        var run = Plan(model, "[8, 16]");

        Assert.Equal(digest, run.Digest("uid"));
        Assert.Equal(digest, Plan(model, "[8, 32]").Digest("uid"));
    }

    [Theory]
    [InlineData("{ name: gen, generative: { path: /m } }")]
    [InlineData("{ name: grid, server: { url: http://127.0.0.1:8000, model: m } }")]
    public void Digest_OfAGridRun_ChangesWithEitherListOfTheWorkload(string model)
    {
        var digest = Plan(model, "[8, 16]", "[4]").Digest("uid");

        Assert.Equal(digest, Plan(model, "[8, 16]", "[4]").Digest("uid"));
        Assert.NotEqual(digest, Plan(model, "[8, 32]", "[4]").Digest("uid"));
        Assert.NotEqual(digest, Plan(model, "[8, 16]", "[4, 8]").Digest("uid"));
    }

    /// <summary>The single run of <paramref name="model"/> beside a generative model, so that the workload is valid.</summary>
    private static RunPlan Plan(string model, string inputTokens, string outputTokens = "[4]") =>
        RunPlanner.Expand(ManifestReader.Read($$"""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata: { name: b }
            spec:
              dataset: { builtin: spam-assassin }
              models:
                - {{model}}
                - { name: other, generative: { path: /other } }
              workload: { inputTokens: {{inputTokens}}, outputTokens: {{outputTokens}} }
            """, "b.yaml").Single()).First();

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
