using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Contracts.Results;

[JsonConverter(typeof(JsonStringEnumConverter<RunOutcome>))]
public enum RunOutcome
{
    [JsonStringEnumMemberName("Succeeded")] Succeeded,
    [JsonStringEnumMemberName("Failed")] Failed,
}

/// <summary>
/// One run: a model on a hardware target at a batch size, one repetition. The same record is the local report's row and an entry of
/// <c>status.runs</c>. A failed run carries a reason and never figures in summaries.
/// </summary>
public sealed record RunResult
{
    public required string Name { get; set; }
    public required string Model { get; set; }

    /// <summary><c>classic/native</c>, <c>classic/onnxruntime</c> or <c>onnx</c>.</summary>
    public required string Engine { get; set; }

    public required string Hardware { get; set; }
    public required int BatchSize { get; set; }
    public required int Repetition { get; set; }
    public RunOutcome Outcome { get; set; }

    /// <summary>Machine-readable cause of a failure (<c>InvalidInput</c>, <c>RunnerFailed</c>, <c>DeadlineExceeded</c>, …).</summary>
    public string? Reason { get; set; }

    public string? Message { get; set; }
    public double? Accuracy { get; set; }
    public double? MacroF1 { get; set; }

    /// <summary>Samples inferred inside the inference window: the test split times <see cref="Passes"/>.</summary>
    public int Samples { get; set; }

    /// <summary>Passes over the test split inside the window (more than one when <c>spec.runtime.minWindowSeconds</c> asks for it).</summary>
    public int Passes { get; set; } = 1;

    /// <summary>Duration of the inference window.</summary>
    public double DurationSeconds { get; set; }

    public double SamplesPerSecond { get; set; }
    public PhaseTimings? Timings { get; set; }
    public RunEnergy? Energy { get; set; }
    public IReadOnlyList<ClassScore>? PerClass { get; set; }

    /// <summary>Rows are true labels, columns predicted labels, in the dataset's label order.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? ConfusionMatrix { get; set; }

    /// <summary>
    /// True when the run measured energy only and no accuracy exists by design (a generation grid; a model with random weights,
    /// served ones included):
    /// reports print "energy only" where accuracy would be.
    /// </summary>
    public bool EnergyOnly { get; set; }

    /// <summary>A served model's zero-shot classification; null for other runs.</summary>
    public ZeroShotResult? ZeroShot { get; set; }

    /// <summary>A generative model's grid; null for classifiers.</summary>
    public GenerationResult? Generation { get; set; }

    /// <summary>Whether the run may enter a summary. Derived from the fields above, so it stays off the wire and out of the CRD.</summary>
    [JsonIgnore]
    public bool IsValidMeasurement => Outcome == RunOutcome.Succeeded && Energy is not null && Accuracy is not null;
}

/// <summary>Wall time of each phase; only <see cref="InferenceSeconds"/> is metered.</summary>
public sealed record PhaseTimings(double LoadSeconds, double TrainSeconds, double WarmupSeconds, double InferenceSeconds);

public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>Energy of a run's inference window, summed over non-overlapping domains.</summary>
/// <param name="Estimated">True when any part came from a model rather than a sensor.</param>
/// <param name="IdleBaseline">Idle window measured before the workload, reported beside the run, never subtracted.</param>
public sealed record RunEnergy(
    double Joules,
    bool Estimated,
    double JoulesPerSample,
    double WhPer1k,
    double AverageWatts,
    double? PeakWatts,
    bool TooShort,
    IReadOnlyList<EnergyReading> Readings,
    WindowMeasurement? IdleBaseline = null)
{
    public static RunEnergy FromWindow(WindowMeasurement inference, int samples, WindowMeasurement? idleBaseline = null)
    {
        if (samples <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "A run's energy needs at least one scored sample.");
        }

        var joules = inference.TotalJoules;
        var perSample = joules / samples;
        double? peak = inference.Readings.Any(r => r.PeakWatts is not null)
            ? inference.Readings.Sum(r => r.PeakWatts ?? r.AverageWatts)
            : null;
        return new RunEnergy(
            joules,
            inference.Estimated,
            perSample,
            perSample * 1000 / 3600,
            inference.DurationSeconds > 0 ? joules / inference.DurationSeconds : 0,
            peak,
            inference.Readings.Any(r => r.TooShort),
            inference.Readings,
            idleBaseline);
    }
}
