using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Tests.Fixtures;
using EnergyOperator.Runner.Tests.Models;
using Microsoft.Extensions.Logging.Abstractions;
using k8s.Models;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>Whole benchmarks on the 60-text inbox fixture, metered by the CPU-time estimate (the one source every machine has).</summary>
public sealed class LocalBenchmarkRunnerTests : IDisposable
{
    private static readonly ModelSpec Native = new() { Name = "tfidf", Classic = new ClassicModelSpec { HashBits = 12, Epochs = 4 } };
    private static readonly ModelSpec OnnxRuntime = new() { Name = "tfidf-ort", Classic = Native.Classic! with { Engine = ModelEngine.OnnxRuntime } };

    private readonly string _root = Directory.CreateTempSubdirectory("local-runner-tests").FullName;
    private readonly RecordingProgress _progress = new();

    [Fact]
    public async Task TwoEnginesTwoBatchSizesTwoRepetitions_ReportEightMeasuredScoredRuns()
    {
        var benchmark = Benchmark([Native, OnnxRuntime], batchSizes: [1, 8], repetitions: 2);

        var report = await RunAsync(benchmark);

        Assert.Equal(RunPlanner.Expand(benchmark).Select(plan => plan.Name), report.Runs.Select(run => run.Name));
        Assert.Equal(("inbox", 48, 12), (report.Dataset.Name, report.Dataset.TrainSamples, report.Dataset.TestSamples));
        Assert.All(report.Runs, run =>
        {
            Assert.Equal(RunOutcome.Succeeded, run.Outcome);
            Assert.InRange(run.Accuracy!.Value, 0.5, 1);
            Assert.Equal(12, run.Samples);
            var energy = run.Energy!;
            Assert.True(energy.Joules > 0, $"{run.Name}: {energy.Joules} J");
            Assert.True(energy.Estimated);
            Assert.NotEmpty(energy.Readings);
            Assert.All(energy.Readings, reading => Assert.True(reading.Estimated));
            Assert.Equal(energy.Joules, energy.JoulesPerSample * run.Samples, 1e-9);
            Assert.Equal(energy.Joules, energy.Readings.Sum(reading => reading.Joules), 1e-9);
            var timings = run.Timings!;
            Assert.True(timings.TrainSeconds > 0);
            Assert.True(timings.InferenceSeconds > 0);
            Assert.Equal(run.DurationSeconds, timings.InferenceSeconds);
            Assert.Equal(run.Samples / run.DurationSeconds, run.SamplesPerSecond, 1e-6);
        });

        // One training serves both engines; only the ONNX engine spends time exporting and loading.
        Assert.Single(report.Runs.Select(run => run.Timings!.TrainSeconds).Distinct());
        Assert.All(report.Runs, run => Assert.Equal(run.Model == OnnxRuntime.Name, run.Timings!.LoadSeconds > 0));
        // Both engines are the same model, so they score the same.
        Assert.Equal(
            report.Runs.Where(run => run.Model == Native.Name).Select(run => run.Accuracy),
            report.Runs.Where(run => run.Model == OnnxRuntime.Name).Select(run => run.Accuracy));

        var summary = report.Summary;
        Assert.Equal((8, 8, 0), (summary.RunsTotal, summary.RunsSucceeded, summary.RunsFailed));
        Assert.True(summary.Estimated);
        Assert.Equal(report.Runs.Sum(run => run.Energy!.Joules), summary.TotalJoules, 1e-9);
        Assert.Equal(4, summary.Configurations.Count);
        Assert.All(summary.Configurations, configuration => Assert.Equal(2, configuration.Repetitions));
        Assert.Contains(report.Meters, meter => meter.Source == "estimate" && meter.Available);
    }

    [Fact]
    public async Task MinWindowSeconds_RepeatsWholePassesUntilTheWindowLastsThatLong()
    {
        var single = Assert.Single((await RunAsync(Benchmark([Native], batchSizes: [8], repetitions: 1))).Runs);
        var benchmark = Benchmark([Native], batchSizes: [8], repetitions: 1);
        benchmark.Spec.Runtime.MinWindowSeconds = 0.3;

        var run = Assert.Single((await RunAsync(benchmark)).Runs);

        Assert.Equal(1, single.Passes);
        Assert.True(run.Passes > 1, $"{run.Passes} pass(es) in {run.DurationSeconds} s");
        Assert.True(run.DurationSeconds >= 0.3);
        Assert.Equal(single.Samples * run.Passes, run.Samples);
        Assert.Equal(single.Accuracy, run.Accuracy);
        Assert.Equal(run.Energy!.Joules / run.Samples, run.Energy.JoulesPerSample, 12);
    }

    [Fact]
    public async Task Progress_ReportsEveryRunStartingThenFinishing_InPlanOrder()
    {
        var benchmark = Benchmark([Native, OnnxRuntime], batchSizes: [1, 8], repetitions: 2);

        var report = await RunAsync(benchmark);

        var reports = _progress.Reports;
        Assert.Equal("loading dataset", reports[0].Activity);
        Assert.All(reports, progress => Assert.Equal(8, progress.RunsTotal));
        Assert.Equal(reports.Select(progress => progress.RunsDone).Order(), reports.Select(progress => progress.RunsDone));
        var runReports = reports.SkipWhile(progress => !progress.Activity.StartsWith("running ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            report.Runs.SelectMany(run => new[] { $"running {run.Name}", $"finished {run.Name}" }),
            runReports.Select(progress => progress.Activity));
        Assert.Equal(report.Runs, runReports.Where(progress => progress.Finished is not null).Select(progress => progress.Finished));
        Assert.Equal(Enumerable.Range(1, 8), runReports.Where(progress => progress.Finished is not null).Select(progress => progress.RunsDone));
    }

    [Fact]
    public async Task RunThatThrows_IsReportedFailed_AndTheOtherRunsStillRun()
    {
        // Exported with a batch dimension fixed at 1, as some models are: ONNX Runtime rejects the batch of 8.
        var fixedBatch = new ModelSpec { Name = "bert-b1", Onnx = TransformerClassifierTests.Spec(TinyBertModel.Write(_root, fixedBatch: 1)) };
        var benchmark = Benchmark([fixedBatch, Native], batchSizes: [1, 8], repetitions: 1);

        var report = await RunAsync(benchmark);

        Assert.Equal(
            [RunOutcome.Succeeded, RunOutcome.Failed, RunOutcome.Succeeded, RunOutcome.Succeeded],
            report.Runs.Select(run => run.Outcome));
        var failed = report.Runs[1];
        Assert.Equal(("bert-b1", 8, "onnx", "RunnerFailed"), (failed.Model, failed.BatchSize, failed.Engine, failed.Reason));
        Assert.Contains("input_ids", failed.Message);
        Assert.Null(failed.Energy);
        Assert.Null(failed.Accuracy);
        Assert.Equal((4, 3, 1), (report.Summary.RunsTotal, report.Summary.RunsSucceeded, report.Summary.RunsFailed));
        Assert.DoesNotContain(report.Summary.Configurations, configuration => configuration.Model == "bert-b1" && configuration.BatchSize == 8);
        Assert.Same(failed, _progress.Reports.Single(progress => progress.Activity == $"finished {failed.Name}").Finished);
    }

    [Fact]
    public async Task Cancellation_EndsTheBenchmarkInsteadOfFailingARun()
    {
        using var cancellation = new CancellationTokenSource();
        _progress.OnReport = progress =>
        {
            if (progress.Activity.StartsWith("running ", StringComparison.Ordinal) && progress.RunsDone == 1)
            {
                cancellation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(Benchmark([Native], batchSizes: [1, 8], repetitions: 1), cancellation.Token));
    }

    [Fact]
    public async Task Predictions_HoldOneLinePerTestSamplePerRun_FromWhichTheReportsAccuraciesFollow()
    {
        var benchmark = Benchmark([Native, OnnxRuntime], batchSizes: [4], repetitions: 2);
        var path = Path.Combine(_root, "predictions.jsonl");

        BenchmarkReport report;
        await using (var predictions = PredictionWriter.Create(path, "--predictions"))
        {
            report = await RunAsync(benchmark, predictions);
        }

        var lines = File.ReadLines(path).Select(line => JsonSerializer.Deserialize(line, PredictionJsonContext.Default.PredictionLine)!).ToList();
        Assert.Equal(report.Runs.Count * report.Dataset.TestSamples, lines.Count);
        foreach (var run in report.Runs)
        {
            var ofRun = lines.Where(line => line.Run == run.Name).ToList();
            Assert.Equal(Enumerable.Range(0, report.Dataset.TestSamples), ofRun.Select(line => line.Sample));
            Assert.Equal(run.Accuracy!.Value, ofRun.Count(line => line.Predicted == line.Label) / (double)ofRun.Count, 1e-12);
            Assert.All(ofRun, line =>
            {
                var scores = Assert.IsAssignableFrom<IReadOnlyList<float>>(line.Scores);
                Assert.Equal(report.Dataset.Labels.Count, scores.Count);
                Assert.Equal(1.0, scores.Sum(p => (double)p), 1e-5);
                Assert.Equal(line.Predicted, report.Dataset.Labels[scores.ToList().IndexOf(scores.Max())]);
                Assert.Null(line.Answer);
            });
        }
    }

    [Fact]
    public void PredictionWriter_ForAFileThatCannotBeCreated_NamesTheSetting()
    {
        var error = Assert.Throws<BenchmarkInputException>(() => PredictionWriter.Create(Path.Combine(_root, "missing", "predictions.jsonl"), "--predictions"));

        Assert.Equal("--predictions", error.Field);
        Assert.Contains("missing", error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static EnergyBenchmark Benchmark(IReadOnlyList<ModelSpec> models, IReadOnlyList<int> batchSizes, int repetitions)
    {
        var benchmark = new EnergyBenchmark
        {
            Metadata = new V1ObjectMeta { Name = "inbox" },
            Spec = new EnergyBenchmarkSpec
            {
                Dataset = new DatasetSpec { File = new DatasetFileSpec { Path = TestFixtures.PathOf("inbox.jsonl") } },
                Models = models,
                Runtime = new RuntimeSpec { BatchSizes = batchSizes, Repetitions = repetitions, WarmupBatches = 1, Threads = 1 },
                Measurement = new MeasurementSpec { Meters = [MeterKind.Estimate], SampleIntervalMs = 10 },
            },
        };
        Assert.Empty(SpecValidator.Validate(benchmark));
        return benchmark;
    }

    private Task<BenchmarkReport> RunAsync(EnergyBenchmark benchmark, CancellationToken cancellationToken = default) => RunAsync(benchmark, predictions: null, cancellationToken);

    private Task<BenchmarkReport> RunAsync(EnergyBenchmark benchmark, PredictionWriter? predictions, CancellationToken cancellationToken = default) =>
        new LocalBenchmarkRunner(new RunnerOptions { CacheDirectory = _root }, NullLoggerFactory.Instance).RunAsync(benchmark, predictions, _progress, cancellationToken);

    /// <summary>Records reports synchronously, in the order they are made (<see cref="Progress{T}"/> would post them to the pool).</summary>
    private sealed class RecordingProgress : IProgress<BenchmarkProgress>
    {
        public List<BenchmarkProgress> Reports { get; } = [];

        public Action<BenchmarkProgress>? OnReport { get; set; }

        public void Report(BenchmarkProgress value)
        {
            Reports.Add(value);
            OnReport?.Invoke(value);
        }
    }
}
