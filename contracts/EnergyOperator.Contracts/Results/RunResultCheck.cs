using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.Planning;

namespace EnergyOperator.Contracts.Results;

/// <summary>
/// Whether a result a pod reported may stand for its planned run. A pod's termination message is input like any other: it must
/// name this run's model, engine, hardware, batch size and repetition, and a success must hold finite, non-negative figures in
/// sane ranges (accuracy in [0, 1]), so that no summary sum overflows and no status write fails on what one pod wrote.
/// </summary>
public static class RunResultCheck
{
    /// <summary>
    /// Largest joules, seconds, watts or rate a result may report: a megawatt for eleven days. Far beyond any run, and small
    /// enough that sums over a benchmark's runs stay finite.
    /// </summary>
    public const double MaxFigure = 1e12;

    /// <summary>Most readings, classes or matrix rows a result may carry; the termination message holds 4 KiB anyway.</summary>
    public const int MaxItems = 1024;

    /// <returns>Null when the result is acceptable, else what is wrong with it.</returns>
    public static string? FindProblem(RunResult result, RunPlan plan)
    {
        if (result.Name != plan.Name || result.Model != plan.Model.Name || result.Engine != plan.Engine
            || result.Hardware != plan.Hardware.Name || result.BatchSize != plan.BatchSize || result.Repetition != plan.Repetition)
        {
            return $"it is the result of {Describe(result.Name, result.Model, result.Engine, result.Hardware, result.BatchSize, result.Repetition)}, "
                + $"not of {Describe(plan.Name, plan.Model.Name, plan.Engine, plan.Hardware.Name, plan.BatchSize, plan.Repetition)}";
        }

        if (result.Reason is { } reason && (reason.Length > 64 || !reason.All(char.IsAsciiLetterOrDigit)))
        {
            return "its reason is not a reason name (at most 64 letters and digits)";
        }

        return result.Outcome == RunOutcome.Succeeded ? FindFigureProblem(result) : null;
    }

    private static string? FindFigureProblem(RunResult result)
    {
        if (result.Generation is { } generation)
        {
            return FindGenerationProblem(generation);
        }

        if ((result.Accuracy is null && !result.EnergyOnly) || result.Energy is not { } energy)
        {
            return "a succeeded result must carry energy, and accuracy unless it is energy only";
        }

        return (result.Accuracy is { } accuracy ? Fraction("accuracy", accuracy) : null)
            ?? (result.MacroF1 is { } f1 ? Fraction("macroF1", f1) : null)
            ?? (result.Samples < 1 ? $"samples is {result.Samples}; a succeeded run scored at least one" : null)
            ?? (result.Passes < 1 ? $"passes is {result.Passes}; a succeeded run made at least one" : null)
            ?? Figure("durationSeconds", result.DurationSeconds)
            ?? Figure("samplesPerSecond", result.SamplesPerSecond)
            ?? (result.Timings is { } t
                ? Figure("timings.loadSeconds", t.LoadSeconds) ?? Figure("timings.trainSeconds", t.TrainSeconds)
                    ?? Figure("timings.warmupSeconds", t.WarmupSeconds) ?? Figure("timings.inferenceSeconds", t.InferenceSeconds)
                : null)
            ?? FindEnergyProblem(energy)
            ?? Count("perClass", result.PerClass?.Count)
            ?? result.PerClass?.Select((c, i) => c is null ? $"perClass[{i}] is null"
                : Fraction($"perClass[{i}].precision", c.Precision) ?? Fraction($"perClass[{i}].recall", c.Recall)
                    ?? Fraction($"perClass[{i}].f1", c.F1) ?? (c.Support < 0 ? $"perClass[{i}].support is negative" : null)).FirstOrDefault(p => p is not null)
            ?? Count("confusionMatrix", result.ConfusionMatrix?.Count)
            ?? (result.ConfusionMatrix?.Any(row => row is null || row.Count > MaxItems || row.Any(n => n < 0)) == true
                ? "confusionMatrix holds a null row, a negative count or too many columns"
                : null);
    }

    private static string? FindGenerationProblem(GenerationResult generation) =>
        generation.Cells is not { } cells ? "generation.cells is missing"
        // The CRD's schema bounds the shape as it bounds server.shape: a status holding another would not be written.
        : generation.Shape is { } shape && (shape.Parameters is < 1 or > (long)DecoderShape.MaxParameters || shape.Layers < 1 || shape.HiddenSize < 1)
            ? $"generation.shape ({shape.Parameters} parameters, {shape.Layers} layers, hiddenSize {shape.HiddenSize}) is outside 1 to {DecoderShape.MaxParameters:0e0} parameters and positive layers and width"
        : cells.Count > GenerationResult.MaxCells ? $"generation.cells has {cells.Count} cells; at most {GenerationResult.MaxCells}"
        : cells.Select((c, i) => c is null ? $"generation.cells[{i}] is null"
            : c.NotMeasured is not null ? null
            : c.Prefill is null || c.Decode is null ? $"generation.cells[{i}] was measured but lacks its prefill or decode energy"
            : Figure($"generation.cells[{i}].prefill.joules", c.Prefill.Joules) ?? Figure($"generation.cells[{i}].decode.joules", c.Decode.Joules)
                ?? Figure($"generation.cells[{i}].prefill.seconds", c.Prefill.Seconds) ?? Figure($"generation.cells[{i}].decode.seconds", c.Decode.Seconds)
                ?? (c.Prefill.Repeats < 1 || c.Decode.Repeats < 1 ? $"generation.cells[{i}] has a phase repeated fewer than once" : null))
            .FirstOrDefault(problem => problem is not null);

    private static string? FindEnergyProblem(RunEnergy energy) =>
        Figure("energy.joules", energy.Joules)
        ?? Figure("energy.joulesPerSample", energy.JoulesPerSample)
        ?? Figure("energy.whPer1k", energy.WhPer1k)
        ?? Figure("energy.averageWatts", energy.AverageWatts)
        ?? (energy.PeakWatts is { } peak ? Figure("energy.peakWatts", peak) : null)
        ?? FindReadingsProblem("energy.readings", energy.Readings)
        ?? (energy.IdleBaseline is { } idle
            ? Figure("energy.idleBaseline.durationSeconds", idle.DurationSeconds) ?? FindReadingsProblem("energy.idleBaseline.readings", idle.Readings)
            : null);

    /// <remarks>The lists are non-nullable in C#, but a pod's JSON may still hold <c>null</c> for them or their items.</remarks>
    private static string? FindReadingsProblem(string field, IReadOnlyList<EnergyReading>? readings) =>
        readings is null ? $"{field} is missing"
            : Count(field, readings.Count) ?? readings.Select((r, i) => FindReadingProblem($"{field}[{i}]", r)).FirstOrDefault(p => p is not null);

    private static string? FindReadingProblem(string field, EnergyReading? reading) =>
        reading is null ? $"{field} is null"
        : Figure($"{field}.joules", reading.Joules)
        ?? Figure($"{field}.averageWatts", reading.AverageWatts)
        ?? (reading.PeakWatts is { } peak ? Figure($"{field}.peakWatts", peak) : null)
        ?? (reading.Samples < 0 ? $"{field}.samples is negative" : null);

    private static string? Figure(string field, double value) =>
        double.IsFinite(value) && value is >= 0 and <= MaxFigure ? null : $"{field} is {value}, outside [0, {MaxFigure:0e0}]";

    private static string? Fraction(string field, double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? null : $"{field} is {value}, outside [0, 1]";

    private static string? Count(string field, int? count) => count > MaxItems ? $"{field} has {count} items, more than {MaxItems}" : null;

    private static string Describe(string name, string model, string engine, string hardware, int batchSize, int repetition) =>
        $"'{name}' ({model}/{engine}/{hardware}/b{batchSize}/r{repetition})";
}
