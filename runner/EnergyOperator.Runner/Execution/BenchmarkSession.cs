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
/// Everything a benchmark's runs share, made ready before the first window opens: the meter, the dataset, a prepared model
/// per (model, execution provider) of the given plans and the optional idle baseline. The local runner opens one session
/// for every run of a benchmark; a runner pod opens one for its single run. Both execute runs through
/// <see cref="ExecuteAsync"/>.
/// </summary>
internal sealed class BenchmarkSession : IAsyncDisposable
{
    private readonly IEnergyMeter _meter;
    private readonly Dictionary<(string, ExecutionProvider), PreparedModel> _models;
    private readonly RunExecutor _executor;
    private readonly GenerationExecutor _generation;
    private readonly ZeroShotExecutor _zeroShot;
    private readonly IReadOnlyList<string> _gpus;
    private readonly WindowMeasurement? _idle;
    private readonly RuntimeSpec _runtime;
    private readonly ILogger _logger;

    private BenchmarkSession(
        IEnergyMeter meter, DatasetSplit data, Dictionary<(string, ExecutionProvider), PreparedModel> models, WindowMeasurement? idle, EnergyBenchmarkSpec spec,
        IReadOnlyList<string> gpus, PredictionWriter? predictions, ILogger logger)
    {
        _meter = meter;
        Data = data;
        _models = models;
        _executor = new RunExecutor(meter, spec.Measurement, predictions);
        _generation = new GenerationExecutor(meter, spec.Measurement, TimeProvider.System, logger);
        _zeroShot = new ZeroShotExecutor(meter, spec.Measurement, predictions, TimeProvider.System);
        _gpus = gpus;
        _idle = idle;
        _runtime = spec.Runtime;
        _logger = logger;
    }

    public DatasetSplit Data { get; }

    /// <summary>The meter's sources, for reports.</summary>
    public Task<IReadOnlyList<MeterSourceStatus>> DescribeMeterAsync(CancellationToken cancellationToken) => _meter.DescribeAsync(cancellationToken);

    /// <summary>Starts the meter, loads the dataset, prepares the models <paramref name="plans"/> need and measures the idle baseline.</summary>
    /// <param name="meterSetting">What chose the meter (<c>--meter-url</c>, <c>ENERGY_METER_URL</c>); null for <c>spec.measurement</c>.</param>
    /// <param name="predictions">Where each run's per-sample predictions go; null: nowhere. The caller disposes it.</param>
    /// <exception cref="BenchmarkInputException">An input cannot be used; nothing was measured.</exception>
    public static async Task<BenchmarkSession> OpenAsync(
        EnergyBenchmark benchmark,
        IReadOnlyList<RunPlan> plans,
        RunnerOptions options,
        string? meterSetting,
        PredictionWriter? predictions,
        ILogger logger,
        IProgress<BenchmarkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var spec = benchmark.Spec;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var downloads = new RemoteFileCache(options.CacheDirectory, options.MaxDownloadBytes, http);

        // The meter first: a sensor the manifest asks for but this machine lacks is an input error found in a second, not
        // after training.
        var meter = await StartMeterAsync(spec.Measurement, options, meterSetting ?? "spec.measurement", cancellationToken);
        Dictionary<(string, ExecutionProvider), PreparedModel> models = [];
        try
        {
            progress?.Report(new("loading dataset", 0, plans.Count));
            var data = await new DatasetProvider(options, downloads).LoadAsync(spec.Dataset, cancellationToken);
            logger.LogInformation("Dataset {Dataset}: {Train} train, {Test} test texts, labels {Labels}", data.Name, data.Train.Texts.Count, data.Test.Texts.Count, data.Labels.ToString());

            await PrepareModelsAsync(spec, plans, data, new ModelPreparer(options, downloads, logger), models, progress, cancellationToken);
            var idle = await MeasureIdleAsync(meter, spec.Measurement, progress, plans.Count, cancellationToken);

            // The FLOPs × TDP baseline of generation grids is keyed by the names of the GPUs the meter reads.
            var gpus = (await meter.DescribeAsync(cancellationToken))
                .Where(source => source.Source == "nvml" && source.Available)
                .SelectMany(source => source.Devices)
                .ToList();
            return new BenchmarkSession(meter, data, models, idle, spec, gpus, predictions, logger);
        }
        catch
        {
            DisposeModels(models);
            await meter.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one plan. A run that throws (a model failing on some batch shape, a sensor failing mid-window) is reported as failed
    /// with <c>RunnerFailed</c> or <c>MeterFailed</c>, as a failed runner pod would be on a cluster; one that outlives
    /// <c>spec.runtime.timeoutSeconds</c> fails with <c>DeadlineExceeded</c>, as its pod would; cancellation still throws.
    /// </summary>
    public async Task<RunResult> ExecuteAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_runtime.TimeoutSeconds));
        try
        {
            var model = _models[(plan.Model.Name, plan.ExecutionProvider)];
            var result = model switch
            {
                { Served.Spec.ZeroShot: not null } => await _zeroShot.ExecuteAsync(plan, model, Data, _runtime, _idle, deadline.Token),
                { Generative: not null } or { Served: not null } when plan.Workload is { } workload =>
                    await _generation.ExecuteAsync(plan, model, Data, _runtime, workload, AcceleratorEstimate.For(plan.ExecutionProvider, _gpus), deadline.Token),
                _ => await _executor.ExecuteAsync(plan, model, Data, _runtime, _idle, deadline.Token),
            };
            _logger.LogInformation(
                "Run {Run}: accuracy {Accuracy:F4}, {Joules:F3} J ({Estimated}), {SamplesPerSecond:F0} samples/s",
                result.Name, result.Accuracy, result.Energy?.Joules, result.Energy?.Estimated == true ? "estimated" : "measured", result.SamplesPerSecond);
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Run {Run} outlived spec.runtime.timeoutSeconds ({TimeoutSeconds} s)", plan.Name, _runtime.TimeoutSeconds);
            return plan.Failed(RunFailureReasons.DeadlineExceeded, $"the run took longer than spec.runtime.timeoutSeconds ({_runtime.TimeoutSeconds} s)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Run {Run} failed", plan.Name);
            return plan.Failed(RunFailures.ReasonOf(e), e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        DisposeModels(_models);
        await _meter.DisposeAsync();
    }

    private static async Task<IEnergyMeter> StartMeterAsync(MeasurementSpec spec, RunnerOptions options, string field, CancellationToken cancellationToken)
    {
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

    private static async Task PrepareModelsAsync(
        EnergyBenchmarkSpec spec, IReadOnlyList<RunPlan> plans, DatasetSplit data, ModelPreparer preparer,
        Dictionary<(string, ExecutionProvider), PreparedModel> prepared, IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
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

    private static void DisposeModels(Dictionary<(string, ExecutionProvider), PreparedModel> models)
    {
        foreach (var model in models.Values)
        {
            model.Dispose();
        }
    }
}
