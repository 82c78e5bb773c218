using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Runs a whole benchmark on this machine (the embedded default, no cluster): every input is checked and every model made ready
/// before the first window opens, then each run executes in turn under one meter.
/// </summary>
public sealed class LocalBenchmarkRunner(RunnerOptions options, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<LocalBenchmarkRunner>();

    /// <param name="predictions">Where every run's per-sample predictions go; null: nowhere.</param>
    public async Task<BenchmarkReport> RunAsync(
        EnergyBenchmark benchmark, PredictionWriter? predictions, IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var plans = RunPlanner.Expand(benchmark);
        var meterSetting = options.MeterUrl is null ? null : "--meter-url";
        await using var session = await BenchmarkSession.OpenAsync(benchmark, plans, options, meterSetting, predictions, _logger, progress, cancellationToken);

        var results = new List<RunResult>(plans.Count);
        foreach (var plan in plans)
        {
            progress?.Report(new($"running {plan.Name}", results.Count, plans.Count));
            var result = await session.ExecuteAsync(plan, cancellationToken);
            results.Add(result);
            progress?.Report(new($"finished {plan.Name}", results.Count, plans.Count, result));
        }

        var data = session.Data;
        return new BenchmarkReport
        {
            Benchmark = benchmark.Metadata.Name ?? "benchmark",
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            Host = HostProbe.Describe(),
            Meters = await session.DescribeMeterAsync(cancellationToken),
            Dataset = new DatasetInfo(data.Name, [.. data.Labels], data.Train.Texts.Count, data.Test.Texts.Count, benchmark.Spec.Dataset.Seed, data.Fingerprint()),
            Runs = results,
            Summary = BenchmarkSummary.From(results, gridIntensityGramsPerKWh: benchmark.Spec.Measurement.GridIntensityGramsPerKWh),
        };
    }
}
