using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution.Grid;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Generative;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Executes one run of a generative or served model: every cell of <c>spec.workload</c> (input bins × output lengths) at the run's batch
/// size, each as one batch of prompts built from the test texts, with <c>warmupBatches</c> unmetered two-token generations of the
/// cell's shape first, then a <c>prefill</c> and a whole-<c>generation</c> window (<see cref="EngineGrid"/>, <see cref="ServedGrid"/>); every
/// figure is one batch's.
/// A cell that cannot run (longer than the model's context, out of device memory) is reported as not measured; the others still run.
/// </summary>
internal sealed partial class GenerationExecutor(IEnergyMeter sessionMeter, MeasurementSpec measurement, TimeProvider timeProvider, ILogger logger)
{
    public async Task<RunResult> ExecuteAsync(
        RunPlan plan, PreparedModel prepared, DatasetSplit data, RuntimeSpec runtime, WorkloadSpec workload, AcceleratorEstimate accelerator, CancellationToken cancellationToken)
    {
        var meter = RunCharge.Meter(plan, measurement, sessionMeter);
        var (backend, encoder, shape, randomWeights, noShape) = prepared switch
        {
            { Generative: { } model } => ((IGridBackend)new EngineGrid(model.Decoder, meter, runtime.MinWindowSeconds, timeProvider), model.Encoder, model.Shape, model.Provenance?.RandomWeights == true,
                $"the model has no {ModelProvenance.FileName} with parameters, layers and hiddenSize: not estimated"),
            { Served: { } served } => (new ServedGrid(served, meter, runtime.MinWindowSeconds, timeProvider), served.Encoder, served.Spec.Shape, served.EnergyOnly,
                "the served model has no server.shape (parameters, layers, hiddenSize): not estimated"),
            _ => throw new ArgumentException("The run's model is neither generative nor served.", nameof(prepared)),
        };
        var texts = data.Test.Texts.Select(encoder.Encode).ToArray();
        var estimateNote = accelerator.Peak is null ? accelerator.Note : shape is null ? noShape : null;

        var cells = new List<GenerationCell>(workload.InputTokens.Count * workload.OutputTokens.Count);
        var warmupSeconds = 0.0;
        foreach (var inputTokens in workload.InputTokens)
        {
            foreach (var outputTokens in workload.OutputTokens)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (backend.MaxPositions is { } max && inputTokens + outputTokens > max)
                {
                    cells.Add(GenerationCell.Skipped(inputTokens, outputTokens, plan.BatchSize, $"needs {inputTokens + outputTokens} positions; the model has {max}"));
                    continue;
                }

                // Each cell starts further into the texts, so cells do not all read the same few.
                var prompts = PromptBuilder.Build(texts, inputTokens, plan.BatchSize, cells.Count * plan.BatchSize);
                try
                {
                    warmupSeconds += await WarmupAsync(backend, prompts, Math.Min(2, outputTokens), runtime.WarmupBatches, cancellationToken);
                    var cell = await backend.MeasureAsync(prompts, inputTokens, outputTokens, cancellationToken);
                    cells.Add(accelerator.Peak is { } peak && shape is not null
                        ? cell with { Estimate = FlopsTdpEstimate.For(peak, shape, inputTokens, outputTokens, plan.BatchSize, cell.Prefill!.Joules, cell.Decode!.Joules) }
                        : cell);
                }
                catch (InvalidDataException e)
                {
                    LogCellFailed(logger, plan.Name, inputTokens, outputTokens, e.Message);
                    cells.Add(GenerationCell.Skipped(inputTokens, outputTokens, plan.BatchSize, e.Message));
                }
            }
        }

        var measured = cells.Where(c => c.NotMeasured is null).ToList();
        if (measured.Count == 0)
        {
            return plan.Failed(RunFailureReasons.RunnerFailed, $"no cell of spec.workload could run: {cells[0].NotMeasured}");
        }

        var seconds = measured.Sum(c => c.Prefill!.Seconds + c.Decode!.Seconds);
        var requests = measured.Count * plan.BatchSize;
        return plan.Result(RunOutcome.Succeeded) with
        {
            EnergyOnly = true,
            Samples = requests,
            DurationSeconds = seconds,
            SamplesPerSecond = requests / Math.Max(seconds, double.Epsilon),
            Timings = new PhaseTimings(prepared.LoadSeconds, 0, warmupSeconds, seconds),
            Generation = new GenerationResult
            {
                RandomWeights = randomWeights,
                Shape = shape,
                Accelerator = estimateNote is null ? accelerator.Peak?.Name : null,
                EstimateNote = estimateNote,
                Cells = cells,
            },
        };
    }

    private async Task<double> WarmupAsync(IGridBackend backend, int[][] prompts, int newTokens, int batches, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var i = 0; i < batches; i++)
        {
            await backend.WarmupAsync(prompts, newTokens, cancellationToken);
        }

        return timeProvider.GetElapsedTime(started).TotalSeconds;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {Run}: cell {InputTokens} in × {OutputTokens} out not measured: {Reason}")]
    private static partial void LogCellFailed(ILogger logger, string run, int inputTokens, int outputTokens, string reason);
}
