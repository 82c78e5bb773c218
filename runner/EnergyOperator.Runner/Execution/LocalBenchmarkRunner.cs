using System.Diagnostics;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Runs a whole benchmark on this machine (the embedded default, no cluster): every input is checked and every model made ready
/// before the first window opens, then each run executes in turn under one meter.
/// </summary>
public sealed class LocalBenchmarkRunner(RunnerOptions options, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<LocalBenchmarkRunner>();

    public async Task<BenchmarkReport> RunAsync(EnergyBenchmark benchmark, IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var spec = benchmark.Spec;
        var plans = RunPlanner.Expand(benchmark);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var downloads = new RemoteFileCache(options.CacheDirectory, http);

        // The meter first: a sensor the manifest asks for but this machine lacks is an input error found in a second, not
        // after training.
        await using var meter = await StartMeterAsync(spec.Measurement, cancellationToken);

        progress?.Report(new("loading dataset", 0, plans.Count));
        var data = await new DatasetProvider(options, downloads).LoadAsync(spec.Dataset, cancellationToken);
        _logger.LogInformation("Dataset {Dataset}: {Train} train, {Test} test texts, labels {Labels}", data.Name, data.Train.Texts.Count, data.Test.Texts.Count, data.Labels.ToString());

        var models = await PrepareModelsAsync(spec, plans, data, downloads, progress, cancellationToken);
        try
        {
            var idle = await MeasureIdleAsync(meter, spec.Measurement, progress, plans.Count, cancellationToken);

            var executor = new RunExecutor(meter);
            var results = new List<RunResult>(plans.Count);
            foreach (var plan in plans)
            {
                progress?.Report(new($"running {plan.Name}", results.Count, plans.Count));
                var result = await ExecuteAsync(executor, plan, models[(plan.Model.Name, plan.ExecutionProvider)], data, spec.Runtime.WarmupBatches, idle, cancellationToken);
                results.Add(result);
                progress?.Report(new($"finished {plan.Name}", results.Count, plans.Count, result));
            }

            return new BenchmarkReport
            {
                Benchmark = benchmark.Metadata.Name ?? "benchmark",
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
                Host = HostProbe.Describe(),
                Meters = await meter.DescribeAsync(cancellationToken),
                Dataset = new DatasetInfo(data.Name, [.. data.Labels], data.Train.Texts.Count, data.Test.Texts.Count, spec.Dataset.Seed),
                Runs = results,
                Summary = BenchmarkSummary.From(results),
            };
        }
        finally
        {
            foreach (var model in models.Values)
            {
                model.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs one plan. A run that throws (a model failing on some batch shape, a sensor failing mid-window) is reported as failed
    /// and the benchmark goes on, as a failed runner pod would be on a cluster; cancellation still ends the benchmark.
    /// </summary>
    private async Task<RunResult> ExecuteAsync(
        RunExecutor executor, RunPlan plan, PreparedModel model, DatasetSplit data, int warmupBatches, WindowMeasurement? idle, CancellationToken cancellationToken)
    {
        try
        {
            var result = await executor.ExecuteAsync(plan, model, data, warmupBatches, idle, cancellationToken);
            _logger.LogInformation(
                "Run {Run}: accuracy {Accuracy:F4}, {Joules:F3} J ({Estimated}), {SamplesPerSecond:F0} samples/s",
                result.Name, result.Accuracy, result.Energy?.Joules, result.Energy?.Estimated == true ? "estimated" : "measured", result.SamplesPerSecond);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Run {Run} failed", plan.Name);
            return new RunResult
            {
                Name = plan.Name,
                Model = plan.Model.Name,
                Engine = plan.Engine,
                Hardware = plan.Hardware.Name,
                BatchSize = plan.BatchSize,
                Repetition = plan.Repetition,
                Outcome = RunOutcome.Failed,
                Reason = e is EnergyMeasurementException ? "MeterFailed" : "RunnerFailed",
                Message = e.Message,
            };
        }
    }

    private async Task<IEnergyMeter> StartMeterAsync(MeasurementSpec spec, CancellationToken cancellationToken)
    {
        var field = options.MeterUrl is null ? "spec.measurement" : "--meter-url";
        IEnergyMeter? meter = null;
        try
        {
            meter = MeterFactory.Create(spec, options);
            await meter.StartAsync(cancellationToken);
            return meter;
        }
        catch (Exception e) when (e is MeterConfigurationException or EnergyMeasurementException)
        {
            if (meter is not null)
            {
                await meter.DisposeAsync();
            }

            throw new BenchmarkInputException(field, e.Message, e);
        }
    }

    private async Task<Dictionary<(string, ExecutionProvider), PreparedModel>> PrepareModelsAsync(
        EnergyBenchmarkSpec spec, IReadOnlyList<RunPlan> plans, DatasetSplit data, RemoteFileCache downloads,
        IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var preparer = new ModelPreparer(options, downloads, _logger);
        var prepared = new Dictionary<(string, ExecutionProvider), PreparedModel>();
        try
        {
            foreach (var plan in plans)
            {
                var key = (plan.Model.Name, plan.ExecutionProvider);
                if (prepared.ContainsKey(key))
                {
                    continue;
                }

                progress?.Report(new($"preparing {plan.Model.Name}", 0, plans.Count));
                var index = spec.Models.ToList().IndexOf(plan.Model);
                prepared[key] = await preparer.PrepareAsync(plan.Model, $"spec.models[{index}]", plan.ExecutionProvider, spec.Runtime, data, cancellationToken);
            }

            return prepared;
        }
        catch
        {
            foreach (var model in prepared.Values)
            {
                model.Dispose();
            }

            throw;
        }
    }

    private static async Task<WindowMeasurement?> MeasureIdleAsync(
        IEnergyMeter meter, MeasurementSpec spec, IProgress<BenchmarkProgress>? progress, int runs, CancellationToken cancellationToken)
    {
        if (spec.IdleBaselineSeconds <= 0)
        {
            return null;
        }

        progress?.Report(new($"measuring {spec.IdleBaselineSeconds:F0} s idle baseline", 0, runs));
        var window = await meter.StartWindowAsync("idle-baseline", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(spec.IdleBaselineSeconds), cancellationToken);
        return await window.StopAsync(cancellationToken);
    }
}
