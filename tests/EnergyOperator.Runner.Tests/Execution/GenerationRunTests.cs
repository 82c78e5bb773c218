using k8s.Models;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>Generation grids of a tiny random decoder over the inbox fixture, metered by the CPU-time estimate.</summary>
public sealed class GenerationRunTests : IDisposable
{
    private static readonly DecoderArchitecture Architecture = new() { Layers = 1, Heads = 2, HiddenSize = 16, MaxPositions = 48 };

    private readonly string _root = Directory.CreateTempSubdirectory("generation-run-tests").FullName;

    [Fact]
    public async Task A_grid_reports_every_cell_with_prefill_and_decode_energy_and_no_accuracy()
    {
        var report = await RunAsync(new WorkloadSpec { InputTokens = [8, 16], OutputTokens = [2, 4] }, batchSizes: [1, 3]);

        Assert.Equal(2, report.Runs.Count);
        Assert.All(report.Runs, run =>
        {
            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            Assert.Equal("generative", run.Engine);
            Assert.True(run.EnergyOnly);
            Assert.Null(run.Accuracy);
            var generation = run.Generation!;
            Assert.True(generation.RandomWeights);
            Assert.Equal(Architecture.Parameters, generation.Shape!.Parameters);
            Assert.Contains("CPU", generation.EstimateNote);
            Assert.Equal([(8, 2), (8, 4), (16, 2), (16, 4)], generation.Cells.Select(c => (c.InputTokens, c.OutputTokens)));
            Assert.All(generation.Cells, cell =>
            {
                Assert.Null(cell.NotMeasured);
                Assert.True(cell.Prefill!.Estimated);
                Assert.Equal(cell.Prefill.Joules / (run.BatchSize * cell.InputTokens), cell.JoulesPerInputToken, 12);
                Assert.Equal(cell.Decode!.Joules / (run.BatchSize * cell.OutputTokens), cell.JoulesPerOutputToken, 12);
                Assert.Equal((cell.Prefill.Joules + cell.Decode.Joules) / run.BatchSize, cell.JoulesPerRequest, 12);
                Assert.Equal(cell.Prefill.Seconds, cell.TimeToFirstTokenSeconds);
                Assert.Null(cell.Estimate);
            });
        });
        Assert.All(report.Runs.Zip(RunPlanner.Expand(Benchmark(_root, new WorkloadSpec { InputTokens = [8, 16], OutputTokens = [2, 4] }, [1, 3]))),
            pair => Assert.Null(RunResultCheck.FindProblem(pair.First, pair.Second)));
    }

    [Fact]
    public async Task A_cell_longer_than_the_model_context_is_reported_not_measured_and_the_others_run()
    {
        var report = await RunAsync(new WorkloadSpec { InputTokens = [8, 40], OutputTokens = [4, 16] }, batchSizes: [1]);

        var cells = report.Runs.Single().Generation!.Cells;
        Assert.Equal([null, null, null, "needs 56 positions; the model has 48"], cells.Select(c => c.NotMeasured));
    }

    [Fact]
    public async Task A_tokenizer_json_missing_from_the_model_directory_names_the_tokenizer_field()
    {
        await RandomDecoderDirectory.WriteAsync(Architecture, Path.Combine(_root, "decoder"), CancellationToken.None);
        var benchmark = Benchmark(_root, new WorkloadSpec { InputTokens = [8], OutputTokens = [2] }, [1]);
        var model = benchmark.Spec.Models[0];
        benchmark.Spec.Models = [model with { Generative = model.Generative! with { Tokenizer = PromptTokenizer.TokenizerJson } }];

        var error = await Assert.ThrowsAsync<BenchmarkInputException>(() =>
            new LocalBenchmarkRunner(new RunnerOptions { CacheDirectory = _root }, NullLoggerFactory.Instance).RunAsync(benchmark, predictions: null, progress: null, CancellationToken.None));

        Assert.Equal("spec.models[0].generative.tokenizer", error.Field);
        Assert.Contains("tokenizer.json not found", error.Message);
    }

    [Fact]
    public async Task With_an_ort_profile_directory_each_session_leaves_a_trace_of_its_nodes_named_after_the_model()
    {
        var profiles = Path.Combine(_root, "profiles");

        await RunAsync(new WorkloadSpec { InputTokens = [8], OutputTokens = [2] }, batchSizes: [1], new RunnerOptions { CacheDirectory = _root, OrtProfileDirectory = profiles });

        var profile = Assert.Single(Directory.GetFiles(profiles, "decoder-model_*.json"));
        Assert.Contains("\"cat\" : \"Node\"", await File.ReadAllTextAsync(profile));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<BenchmarkReport> RunAsync(WorkloadSpec workload, IReadOnlyList<int> batchSizes, RunnerOptions? options = null)
    {
        await RandomDecoderDirectory.WriteAsync(Architecture, Path.Combine(_root, "decoder"), CancellationToken.None);
        var benchmark = Benchmark(_root, workload, batchSizes);
        return await new LocalBenchmarkRunner(options ?? new RunnerOptions { CacheDirectory = _root }, NullLoggerFactory.Instance).RunAsync(
            benchmark, predictions: null, progress: null, CancellationToken.None);
    }

    private static EnergyBenchmark Benchmark(string root, WorkloadSpec workload, IReadOnlyList<int> batchSizes)
    {
        var benchmark = new EnergyBenchmark
        {
            Metadata = new V1ObjectMeta { Name = "grid" },
            Spec = new EnergyBenchmarkSpec
            {
                Dataset = new DatasetSpec { File = new DatasetFileSpec { Path = TestFixtures.PathOf("inbox.jsonl") } },
                Models = [new ModelSpec { Name = "tiny", Generative = new GenerativeModelSpec { Path = Path.Combine(root, "decoder") } }],
                Workload = workload,
                Runtime = new RuntimeSpec { BatchSizes = batchSizes, WarmupBatches = 1, Threads = 1 },
                Measurement = new MeasurementSpec { Meters = [MeterKind.Estimate], SampleIntervalMs = 10 },
            },
        };
        Assert.Empty(SpecValidator.Validate(benchmark));
        return benchmark;
    }
}
