using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using k8s.Models;

namespace EnergyOperator.Cli.Tests.Reports;

/// <summary>
/// Finished runs of two configurations, one estimated (cheap, less accurate) and one measured by a sensor (accurate, costly),
/// plus a failed run whose message needs quoting in CSV and escaping in Markdown.
/// </summary>
internal static class SampleResults
{
    public const string Cheap = "lr/classic/native/local/b16";
    public const string Accurate = "bert/onnx/gpu/b32";

    public static IReadOnlyList<RunResult> Runs { get; } =
    [
        Succeeded("lr", "classic/native", "local", 16, 1, accuracy: 0.93, joules: 0.2, estimated: true),
        Succeeded("lr", "classic/native", "local", 16, 2, accuracy: 0.93, joules: 0.2, estimated: true),
        Succeeded("bert", "onnx", "gpu", 32, 1, accuracy: 0.97, joules: 5, estimated: false),
        new RunResult
        {
            Name = "spam-bert-gpu-b1-r1", Model = "bert", Engine = "onnx", Hardware = "gpu", BatchSize = 1, Repetition = 1,
            Outcome = RunOutcome.Failed, Reason = "RunnerFailed", Message = "OOM, \"killed\" | exit 137",
        },
    ];

    public static BenchmarkReport Report() => new()
    {
        Benchmark = "spam",
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(3),
        Host = new HostInfo("box", "linux", "x64", 2, null, ".NET 10"),
        Meters = [],
        Dataset = new DatasetInfo("spam-assassin", ["ham", "spam"], 300, 100, 42, "5f1c0ffee"),
        Runs = Runs,
        Summary = BenchmarkSummary.From(Runs.ToList()),
    };

    /// <summary>
    /// Two repetitions of each configuration, the accurate one's apart by more than 5 %, a failed run and a grid intensity:
    /// every section of the Markdown report has something to show.
    /// </summary>
    public static BenchmarkReport StudyReport()
    {
        IReadOnlyList<RunResult> runs =
        [
            Succeeded("lr", "classic/native", "local", 16, 1, accuracy: 0.93, joules: 0.2, estimated: true),
            Succeeded("lr", "classic/native", "local", 16, 2, accuracy: 0.93, joules: 0.21, estimated: true, durationSeconds: 2.1),
            Succeeded("bert", "onnx", "gpu", 32, 1, accuracy: 0.97, joules: 5, estimated: false),
            Succeeded("bert", "onnx", "gpu", 32, 2, accuracy: 0.97, joules: 6, estimated: false, durationSeconds: 2.3),
            Runs[3],
        ];
        return Report() with { Runs = runs, Summary = BenchmarkSummary.From(runs, gridIntensityGramsPerKWh: 400) };
    }

    /// <summary>What the operator writes when every run has finished: <c>Complete=True</c>, and <c>Failed</c> as the runs say.</summary>
    public static EnergyBenchmarkStatus CompleteStatus(IReadOnlyList<RunResult> runs, long generation = 1)
    {
        var failed = runs.Count(r => r.Outcome == RunOutcome.Failed);
        var progress = $"{runs.Count} of {runs.Count} runs done";
        return new EnergyBenchmarkStatus
        {
            ObservedGeneration = generation,
            Phase = failed > 0 ? "Failed" : "Complete",
            Conditions =
            [
                new("Ready", "True", "Completed", progress),
                new("Complete", "True", "AllRunsFinished", progress),
                failed > 0
                    ? new("Failed", "True", "RunsFailed", $"{failed} of {runs.Count} runs failed: {runs.First(r => r.Outcome == RunOutcome.Failed).Name} (RunnerFailed)")
                    : new("Failed", "False", "NoRunFailed", "no run failed"),
                new("Invalid", "False", "SpecValid", "the spec is valid"),
            ],
            RunsTotal = runs.Count,
            RunsDone = runs.Count,
            BestAccuracy = BenchmarkSummary.From(runs.ToList()).BestAccuracy,
            TotalJoules = BenchmarkSummary.From(runs.ToList()).TotalJoules,
            Runs = runs,
            Summary = BenchmarkSummary.From(runs.ToList()),
        };
    }

    public static EnergyBenchmark ClusterBenchmark(IReadOnlyList<RunResult> runs) => new()
    {
        Metadata = new V1ObjectMeta { Name = "spam", NamespaceProperty = "ci" },
        Spec = new EnergyBenchmarkSpec { Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin } },
        Status = CompleteStatus(runs),
    };

    public static RunResult Succeeded(
        string model, string engine, string hardware, int batch, int repetition, double accuracy, double joules, bool estimated, double durationSeconds = 2)
    {
        const int Samples = 100;
        var reading = new EnergyReading(estimated ? "estimate" : "nvml", estimated ? "cpu" : "gpu", null, joules, joules / 2, null, 20,
            estimated ? EnergyMethod.Model : EnergyMethod.Counter, estimated);
        return new RunResult
        {
            Name = $"spam-{model}-{hardware}-b{batch}-r{repetition}",
            Model = model,
            Engine = engine,
            Hardware = hardware,
            BatchSize = batch,
            Repetition = repetition,
            Outcome = RunOutcome.Succeeded,
            Accuracy = accuracy,
            MacroF1 = accuracy - 0.01,
            Samples = Samples,
            DurationSeconds = durationSeconds,
            SamplesPerSecond = Samples / durationSeconds,
            Energy = new RunEnergy(joules, estimated, joules / Samples, joules / Samples * 1000 / 3600, joules / durationSeconds, null, false, [reading]),
        };
    }
}
