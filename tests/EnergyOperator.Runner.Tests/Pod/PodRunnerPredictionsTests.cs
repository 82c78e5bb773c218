using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Pod;
using EnergyOperator.Runner.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using k8s.Models;

namespace EnergyOperator.Runner.Tests.Pod;

/// <summary><c>ENERGY_PREDICTIONS_FILE</c> in a runner pod, run in-process on the 60-text inbox fixture.</summary>
public sealed class PodRunnerPredictionsTests : IDisposable
{
    private const string RunName = "inbox-lr-local-b4-r1";

    private readonly string _root = Directory.CreateTempSubdirectory("pod-predictions-tests").FullName;

    [Fact]
    public async Task PredictionsFile_IsWrittenWithOneLinePerTestSample()
    {
        var path = Path.Combine(_root, "predictions.jsonl");

        var exit = await RunAsync(path);

        Assert.Equal(RunnerPod.ExitSucceeded, exit);
        var lines = File.ReadAllLines(path).Select(line => JsonSerializer.Deserialize(line, PredictionJsonContext.Default.PredictionLine)!).ToList();
        Assert.Equal(ReadResult().Samples / ReadResult().Passes, lines.Count);
        Assert.All(lines, line => Assert.Equal(RunName, line.Run));
    }

    [Fact]
    public async Task PredictionsFileThatCannotBeCreated_ExitsTwo_NamingTheVariable_BeforeMeasuring()
    {
        var exit = await RunAsync(Path.Combine(_root, "no-such-volume", "predictions.jsonl"));

        Assert.Equal(RunnerPod.ExitInvalidInput, exit);
        var result = ReadResult();
        Assert.Equal((RunOutcome.Failed, RunFailureReasons.InvalidInput), (result.Outcome, result.Reason));
        Assert.StartsWith(RunnerPod.PredictionsFileEnv, result.Message);
        Assert.Null(result.Energy);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<int> RunAsync(string predictionsFile)
    {
        var benchmark = new EnergyBenchmark
        {
            Metadata = new V1ObjectMeta { Name = "inbox" },
            Spec = new EnergyBenchmarkSpec
            {
                Dataset = new DatasetSpec { File = new DatasetFileSpec { Path = TestFixtures.PathOf("inbox.jsonl") } },
                Models = [new ModelSpec { Name = "lr", Classic = new ClassicModelSpec { HashBits = 12, Epochs = 2 } }],
                Runtime = new RuntimeSpec { BatchSizes = [4], WarmupBatches = 1, Threads = 1 },
                Measurement = new MeasurementSpec { Meters = [MeterKind.Estimate], SampleIntervalMs = 10 },
            },
        };
        var settings = new PodRunnerSettings
        {
            BenchmarkJson = JsonSerializer.Serialize(benchmark, ContractsJsonContext.Default.EnergyBenchmark),
            RunName = RunName,
            PredictionsFile = predictionsFile,
            ResultsDirectory = _root,
            TerminationMessagePath = Path.Combine(_root, "termination-log"),
        };
        return new PodRunner(settings, new RunnerOptions { CacheDirectory = _root }, NullLoggerFactory.Instance).RunAsync(CancellationToken.None);
    }

    private RunResult ReadResult() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_root, RunnerPod.RunResultFile)), ContractsJsonContext.Default.RunResult)!;
}
