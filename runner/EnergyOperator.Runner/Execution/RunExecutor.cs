using System.Diagnostics;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Scoring;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Executes one run: warm-up batches outside the window, then every test text in batches of the run's size inside one
/// <c>inference</c> window (whole passes, repeated until the window lasts <c>minWindowSeconds</c>), then scoring and, when asked
/// for, the per-sample predictions. The same code serves the local run and a runner pod.
/// </summary>
internal sealed class RunExecutor(IEnergyMeter sessionMeter, MeasurementSpec measurementSpec, PredictionWriter? predictionWriter)
{
    public async Task<RunResult> ExecuteAsync(
        RunPlan plan,
        PreparedModel model,
        DatasetSplit data,
        RuntimeSpec runtime,
        WindowMeasurement? idleBaseline,
        CancellationToken cancellationToken)
    {
        var classifier = model.Classifier ?? throw new ArgumentException("The run's model is not a classifier.", nameof(model));
        var texts = data.Test.Texts as string[] ?? [.. data.Test.Texts];
        var labelCount = data.Labels.Count;
        var predictions = new int[texts.Length];

        // Every run computes the probabilities, written or not, so that asking for them does not change what is measured.
        var probabilities = new float[texts.Length * labelCount];

        var warmupSeconds = Warmup(classifier, texts, plan.BatchSize, runtime.WarmupBatches, predictions, probabilities, labelCount, cancellationToken);

        var window = await RunCharge.Meter(plan, measurementSpec, sessionMeter).StartWindowAsync("inference", cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var passes = 0;
        do
        {
            // Every pass predicts the same labels (the models are deterministic): later passes only lengthen the window.
            for (var offset = 0; offset < texts.Length; offset += plan.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(plan.BatchSize, texts.Length - offset);
                classifier.Predict(
                    new ArraySegment<string>(texts, offset, count), predictions.AsSpan(offset, count), probabilities.AsSpan(offset * labelCount, count * labelCount));
            }

            passes++;
        }
        while (Stopwatch.GetElapsedTime(started).TotalSeconds < runtime.MinWindowSeconds);

        var measurement = await window.StopAsync(cancellationToken);

        if (predictionWriter is not null)
        {
            await predictionWriter.WriteAsync(plan.Name, data.Labels, data.Test.Labels, predictions, probabilities, cancellationToken);
        }

        // A model with random weights is measured, never scored: its accuracy would be reported as if it meant something.
        var scores = model.EnergyOnly ? null : ClassificationScorer.Score(data.Test.Labels, predictions, data.Labels);
        var samples = texts.Length * passes;
        var energy = RunEnergy.FromWindow(measurement, samples, idleBaseline is null ? null : RunCharge.Of(plan, measurementSpec, idleBaseline));
        return plan.Result(RunOutcome.Succeeded) with
        {
            Accuracy = scores?.Accuracy,
            MacroF1 = scores?.MacroF1,
            EnergyOnly = model.EnergyOnly,
            Samples = samples,
            Passes = passes,
            DurationSeconds = measurement.DurationSeconds,
            SamplesPerSecond = samples / measurement.DurationSeconds,
            Timings = new PhaseTimings(model.LoadSeconds, model.TrainSeconds, warmupSeconds, measurement.DurationSeconds),
            Energy = energy,
            PerClass = scores?.PerClass,
            ConfusionMatrix = scores?.ConfusionMatrix,
        };
    }

    private static double Warmup(
        ITextClassifier classifier, string[] texts, int batchSize, int batches, int[] predictions, float[] probabilities, int labelCount, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < batches; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = (int)((long)i * batchSize % texts.Length);
            var count = Math.Min(batchSize, texts.Length - offset);
            classifier.Predict(new ArraySegment<string>(texts, offset, count), predictions.AsSpan(0, count), probabilities.AsSpan(0, count * labelCount));
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
