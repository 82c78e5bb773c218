using System.Diagnostics;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Scoring;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Executes one run: warm-up batches outside the window, then every test text in batches of the run's size inside one
/// <c>inference</c> window, then scoring. The same code serves the local run and a runner pod.
/// </summary>
internal sealed class RunExecutor(IEnergyMeter meter)
{
    public async Task<RunResult> ExecuteAsync(
        RunPlan plan,
        PreparedModel model,
        DatasetSplit data,
        int warmupBatches,
        WindowMeasurement? idleBaseline,
        CancellationToken cancellationToken)
    {
        var texts = data.Test.Texts as string[] ?? [.. data.Test.Texts];
        var predictions = new int[texts.Length];

        var warmupSeconds = Warmup(model.Classifier, texts, plan.BatchSize, warmupBatches, predictions, cancellationToken);

        var window = await meter.StartWindowAsync("inference", cancellationToken);
        for (var offset = 0; offset < texts.Length; offset += plan.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(plan.BatchSize, texts.Length - offset);
            model.Classifier.Predict(new ArraySegment<string>(texts, offset, count), predictions.AsSpan(offset, count));
        }

        var measurement = await window.StopAsync(cancellationToken);

        var scores = ClassificationScorer.Score(data.Test.Labels, predictions, data.Labels);
        var energy = RunEnergy.FromWindow(measurement, texts.Length, idleBaseline);
        return plan.Result(RunOutcome.Succeeded) with
        {
            Accuracy = scores.Accuracy,
            MacroF1 = scores.MacroF1,
            Samples = texts.Length,
            DurationSeconds = measurement.DurationSeconds,
            SamplesPerSecond = texts.Length / measurement.DurationSeconds,
            Timings = new PhaseTimings(model.LoadSeconds, model.TrainSeconds, warmupSeconds, measurement.DurationSeconds),
            Energy = energy,
            PerClass = scores.PerClass,
            ConfusionMatrix = scores.ConfusionMatrix,
        };
    }

    private static double Warmup(ITextClassifier classifier, string[] texts, int batchSize, int batches, int[] scratch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < batches; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = (int)((long)i * batchSize % texts.Length);
            var count = Math.Min(batchSize, texts.Length - offset);
            classifier.Predict(new ArraySegment<string>(texts, offset, count), scratch.AsSpan(0, count));
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
