using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Generative;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Executes one run of a generative model: every cell of <c>spec.workload</c> (input bins × output lengths) at the run's batch
/// size, each as one batch of prompts built from the test texts, with <c>warmupBatches</c> unmetered two-token generations of the
/// cell's shape first, then a <c>prefill</c> window around the first forward pass and a <c>decode</c> window around the rest.
/// A cell that cannot run (longer than the model's context, out of device memory) is reported as not measured; the others still run.
/// </summary>
internal sealed partial class GenerationExecutor(IEnergyMeter meter, MeasurementSpec measurement, TimeProvider timeProvider, ILogger logger)
{
    public async Task<RunResult> ExecuteAsync(
        RunPlan plan, PreparedModel prepared, DatasetSplit data, RuntimeSpec runtime, WorkloadSpec workload, AcceleratorEstimate accelerator, CancellationToken cancellationToken)
    {
        var model = prepared.Generative ?? throw new ArgumentException("The run's model is not generative.", nameof(prepared));
        var texts = data.Test.Texts.Select(model.Encoder.Encode).ToArray();
        var shape = model.Shape;
        var estimateNote = accelerator.Peak is null ? accelerator.Note
            : shape is null ? $"the model has no {DecoderProvenance.FileName} with parameters, layers and hiddenSize: not estimated"
            : null;

        var cells = new List<GenerationCell>(workload.InputTokens.Count * workload.OutputTokens.Count);
        var warmupSeconds = 0.0;
        foreach (var inputTokens in workload.InputTokens)
        {
            foreach (var outputTokens in workload.OutputTokens)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (model.Decoder.MaxPositions is { } max && inputTokens + outputTokens > max)
                {
                    cells.Add(GenerationCell.Skipped(inputTokens, outputTokens, plan.BatchSize, $"needs {inputTokens + outputTokens} positions; the model has {max}"));
                    continue;
                }

                // Each cell starts further into the texts, so cells do not all read the same few.
                var prompts = PromptBuilder.Build(texts, inputTokens, plan.BatchSize, cells.Count * plan.BatchSize);
                try
                {
                    warmupSeconds += Warmup(model.Decoder, prompts, Math.Min(2, outputTokens), runtime.WarmupBatches, cancellationToken);
                    var cell = await MeasureCellAsync(plan, model.Decoder, prompts, inputTokens, outputTokens, plan.BatchSize, cancellationToken);
                    cells.Add(accelerator.Peak is { } peak && shape is not null
                        ? cell with { Estimate = FlopsTdpEstimate.For(peak, shape, inputTokens, outputTokens, plan.BatchSize, cell.Prefill!.Joules, cell.Decode!.Joules) }
                        : cell);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException)
                {
                    // The model failed on this shape (out of device memory) or the shape cannot be run (a cache over 4 GiB).
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
                RandomWeights = model.Provenance?.RandomWeights == true,
                Shape = shape,
                Accelerator = estimateNote is null ? accelerator.Peak?.Name : null,
                EstimateNote = estimateNote,
                Cells = cells,
            },
        };
    }

    private double Warmup(ITokenGenerator generator, int[][] prompts, int newTokens, int batches, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var i = 0; i < batches; i++)
        {
            generator.Generate(prompts, newTokens, timeProvider, cancellationToken);
        }

        return timeProvider.GetElapsedTime(started).TotalSeconds;
    }

    private async Task<GenerationCell> MeasureCellAsync(
        RunPlan plan, ITokenGenerator generator, int[][] prompts, int inputTokens, int outputTokens, int batchSize, CancellationToken cancellationToken)
    {
        using var generation = generator.Start(prompts, outputTokens);
        var prefill = await MeasureAsync(plan, "prefill", generation.Prefill, cancellationToken);
        var decode = await MeasureAsync(plan, "decode", generation.Decode, cancellationToken);
        return GenerationCell.Measured(inputTokens, outputTokens, batchSize, prefill, decode, estimate: null);
    }

    private async Task<PhaseEnergy> MeasureAsync(RunPlan plan, string phase, Action<CancellationToken> work, CancellationToken cancellationToken)
    {
        var window = await meter.StartWindowAsync(phase, cancellationToken);
        try
        {
            work(cancellationToken);
        }
        catch
        {
            // Close the window so the meter is ready for the next cell; what it measured is discarded with the cell.
            await window.StopAsync(CancellationToken.None);
            throw;
        }

        var charged = RunCharge.Of(plan, measurement, await window.StopAsync(cancellationToken));
        return new PhaseEnergy(charged.TotalJoules, charged.DurationSeconds, charged.Estimated, charged.Readings.Any(r => r.TooShort));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {Run}: cell {InputTokens} in × {OutputTokens} out not measured: {Reason}")]
    private static partial void LogCellFailed(ILogger logger, string run, int inputTokens, int outputTokens, string reason);
}
