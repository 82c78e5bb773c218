using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Meter;
using EnergyOperator.Meter.Client;
using EnergyOperator.Runner.Execution;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Pod;

/// <summary>
/// The runner container of a runner pod (docs/runner-pod.md): executes the one run <c>ENERGY_RUN</c> names through the same
/// <see cref="BenchmarkSession"/> as a local benchmark, tells the meter sidecar the run is over, and leaves its
/// <see cref="RunResult"/> in the results volume (whole) and the termination message (compact). Every outcome, input errors
/// included, leaves a result; the exit code is <see cref="RunnerPod.ExitSucceeded"/>, <see cref="RunnerPod.ExitFailed"/> or
/// <see cref="RunnerPod.ExitInvalidInput"/>.
/// </summary>
internal sealed class PodRunner(PodRunnerSettings settings, RunnerOptions options, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<PodRunner>();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        RunResult result;
        RunPlan? plan = null;
        Uri? meterUrl = null;
        try
        {
            meterUrl = ReadMeterUrl();
            (var benchmark, plan) = ReadRun();
            _logger.LogInformation("Run {Run}: model {Model} ({Engine}), batch size {BatchSize}, repetition {Repetition}", plan.Name, plan.Model.Name, plan.Engine, plan.BatchSize, plan.Repetition);
            var runnerOptions = options with { MeterUrl = meterUrl };
            await using var predictions = settings.PredictionsFile is { } path ? PredictionWriter.Create(path, RunnerPod.PredictionsFileEnv) : null;
            await using (var session = await BenchmarkSession.OpenAsync(
                benchmark, [plan], runnerOptions, meterUrl is null ? null : RunnerPod.MeterUrlEnv, predictions, _logger, progress: null, cancellationToken))
            {
                result = await session.ExecuteAsync(plan, cancellationToken);
            }
        }
        catch (BenchmarkInputException e)
        {
            _logger.LogError("Invalid input: {Message}", e.Message);
            result = Failed(plan, RunFailureReasons.InvalidInput, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Stopped before the run finished");
            result = Failed(plan, RunFailureReasons.RunnerFailed, "the runner was stopped (SIGTERM) before the run finished");
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The run failed");
            result = Failed(plan, RunFailures.ReasonOf(e), e.Message);
        }

        await FinishMeterAsync(meterUrl, result, cancellationToken);
        await WriteResultAsync(result);
        return result switch
        {
            { Outcome: RunOutcome.Succeeded } => RunnerPod.ExitSucceeded,
            { Reason: RunFailureReasons.InvalidInput } => RunnerPod.ExitInvalidInput,
            _ => RunnerPod.ExitFailed,
        };
    }

    /// <exception cref="BenchmarkInputException"><c>ENERGY_METER_URL</c> is not an http URL.</exception>
    private Uri? ReadMeterUrl() => settings.MeterUrl switch
    {
        null => null,
        var text when Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp => url,
        var text => throw new BenchmarkInputException(RunnerPod.MeterUrlEnv, $"'{text}' is not an http URL such as http://127.0.0.1:{RunnerPod.MeterPort}"),
    };

    /// <exception cref="BenchmarkInputException">The environment does not describe a run of a valid benchmark.</exception>
    private (EnergyBenchmark Benchmark, RunPlan Plan) ReadRun()
    {
        var json = settings.BenchmarkJson ?? throw new BenchmarkInputException(RunnerPod.BenchmarkEnv, "is not set: the operator passes the benchmark's name and spec as JSON");
        var runName = settings.RunName ?? throw new BenchmarkInputException(RunnerPod.RunEnv, "is not set: the operator passes the run's name");
        EnergyBenchmark benchmark;
        try
        {
            benchmark = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.EnergyBenchmark)
                ?? throw new BenchmarkInputException(RunnerPod.BenchmarkEnv, "is JSON null, not an EnergyBenchmark");
        }
        catch (JsonException e)
        {
            throw new BenchmarkInputException(RunnerPod.BenchmarkEnv, $"is not an EnergyBenchmark: {e.Message}", e);
        }

        if (SpecValidator.Validate(benchmark) is { Count: > 0 } problems)
        {
            throw new BenchmarkInputException(RunnerPod.BenchmarkEnv, string.Join("; ", problems));
        }

        var plans = RunPlanner.Expand(benchmark);
        var plan = plans.FirstOrDefault(p => p.Name == runName)
            ?? throw new BenchmarkInputException(RunnerPod.RunEnv, $"'{runName}' is not a run of benchmark '{benchmark.Metadata.Name}' (its runs: {string.Join(", ", plans.Select(p => p.Name))})");
        return (benchmark, plan);
    }

    /// <summary>Failures found before the plan is known are reported under the name the pod was given.</summary>
    private RunResult Failed(RunPlan? plan, string reason, string message) => plan is not null
        ? plan.Failed(reason, message)
        : new RunResult
        {
            Name = settings.RunName ?? "",
            Model = "",
            Engine = "",
            Hardware = "",
            BatchSize = 0,
            Repetition = 0,
            Outcome = RunOutcome.Failed,
            Reason = reason,
            Message = message,
        };

    /// <summary>
    /// Lets the sidecar write its summary and exit. Its answer does not change the run: the inference window was already
    /// measured, and a sidecar that is gone is the kubelet's to stop.
    /// </summary>
    private async Task FinishMeterAsync(Uri? meterUrl, RunResult result, CancellationToken cancellationToken)
    {
        if (meterUrl is not { } url || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        await using var sidecar = new SidecarMeter(new SidecarMeterOptions { BaseAddress = url });
        try
        {
            var status = result.Outcome == RunOutcome.Succeeded ? RunnerStatus.Succeeded : RunnerStatus.Failed;
            await sidecar.FinishAsync(status, result.Message, cancellationToken);
        }
        catch (EnergyMeasurementException e)
        {
            _logger.LogWarning("The meter sidecar did not take the finish: {Message}", e.Message);
        }
    }

    private async Task WriteResultAsync(RunResult result)
    {
        // Both writes are attempted: a read-only or missing volume must not cost the termination message, or the reverse.
        try
        {
            Directory.CreateDirectory(settings.ResultsDirectory);
            await File.WriteAllTextAsync(
                Path.Combine(settings.ResultsDirectory, RunnerPod.RunResultFile),
                JsonSerializer.Serialize(result, ContractsJsonContext.Default.RunResult),
                CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Could not write {File} in {Directory}: {Message}", RunnerPod.RunResultFile, settings.ResultsDirectory, e.Message);
        }

        try
        {
            await File.WriteAllTextAsync(settings.TerminationMessagePath, TerminationMessage.Compact(result), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Could not write the termination message {Path}: {Message}", settings.TerminationMessagePath, e.Message);
        }
    }
}
