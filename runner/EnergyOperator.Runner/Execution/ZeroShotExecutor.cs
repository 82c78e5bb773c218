using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Served;
using EnergyOperator.Runner.Scoring;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Executes one zero-shot run of a served model: <c>warmupBatches</c> unmetered batches, then every test text, its prompt the
/// template with the text in it, in batches of the run's size sent at once, inside one <c>inference</c> window. Each answer's
/// label is what <see cref="ZeroShotAnswerParser"/> reads in it, scored as a classifier's predictions are (an invalid answer is
/// wrong and predicts no class), and written, when asked for, with its answer text. The scores are left out (energy only) when
/// the model's answers mean nothing.
/// </summary>
internal sealed class ZeroShotExecutor(IEnergyMeter sessionMeter, MeasurementSpec measurementSpec, PredictionWriter? predictionWriter, TimeProvider timeProvider)
{
    public async Task<RunResult> ExecuteAsync(
        RunPlan plan, PreparedModel prepared, DatasetSplit data, RuntimeSpec runtime, WindowMeasurement? idleBaseline, CancellationToken cancellationToken)
    {
        var meter = RunCharge.Meter(plan, measurementSpec, sessionMeter);
        var model = prepared.Served ?? throw new ArgumentException("The run's model is not served.", nameof(prepared));
        var zeroShot = model.Spec.ZeroShot ?? throw new ArgumentException("The run's model has no zeroShot.", nameof(prepared));
        var parser = model.Parser!;
        var prompts = data.Test.Texts.Select(text => zeroShot.PromptTemplate.Replace("{text}", text, StringComparison.Ordinal)).ToArray();

        var warmupStarted = timeProvider.GetTimestamp();
        for (var i = 0; i < runtime.WarmupBatches; i++)
        {
            await AnswerAsync(model, new ArraySegment<string>(prompts, 0, Math.Min(plan.BatchSize, prompts.Length)), zeroShot.MaxTokens, cancellationToken);
        }

        var warmupSeconds = timeProvider.GetElapsedTime(warmupStarted).TotalSeconds;
        var answers = new List<string>(prompts.Length);
        var window = await meter.StartWindowAsync("inference", cancellationToken);
        try
        {
            for (var offset = 0; offset < prompts.Length; offset += plan.BatchSize)
            {
                answers.AddRange(await AnswerAsync(model, new ArraySegment<string>(prompts, offset, Math.Min(plan.BatchSize, prompts.Length - offset)), zeroShot.MaxTokens, cancellationToken));
            }
        }
        catch
        {
            await window.StopAsync(CancellationToken.None);
            throw;
        }

        var measurement = await window.StopAsync(cancellationToken);
        var predictions = answers.Select(parser.Parse).ToList();
        if (predictionWriter is not null)
        {
            await predictionWriter.WriteAnswersAsync(plan.Name, data.Labels, data.Test.Labels, predictions, answers, cancellationToken);
        }

        // Random weights are measured, never scored, as a classifier's are.
        var scores = model.EnergyOnly ? null : ClassificationScorer.Score(data.Test.Labels, predictions, data.Labels);
        return plan.Result(RunOutcome.Succeeded) with
        {
            Accuracy = scores?.Accuracy,
            MacroF1 = scores?.MacroF1,
            PerClass = scores?.PerClass,
            ConfusionMatrix = scores?.ConfusionMatrix,
            EnergyOnly = model.EnergyOnly,
            ZeroShot = new ZeroShotResult(prompts.Length, predictions.Count(label => label == ZeroShotAnswerParser.Invalid)),
            Samples = prompts.Length,
            DurationSeconds = measurement.DurationSeconds,
            SamplesPerSecond = prompts.Length / Math.Max(measurement.DurationSeconds, double.Epsilon),
            Timings = new PhaseTimings(prepared.LoadSeconds, 0, warmupSeconds, measurement.DurationSeconds),
            Energy = RunEnergy.FromWindow(measurement, prompts.Length, idleBaseline is null ? null : RunCharge.Of(plan, measurementSpec, idleBaseline)),
        };
    }

    private static async Task<IEnumerable<string>> AnswerAsync(ServedModel model, IEnumerable<string> prompts, int maxTokens, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(prompts.Select(prompt =>
            model.Client.CompleteAsync(promptIds: null, prompt, maxTokens, ignoreEos: false, cancellationToken)));
        return answers.Select(answer => answer.Text);
    }
}
