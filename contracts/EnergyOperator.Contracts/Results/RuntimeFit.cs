namespace EnergyOperator.Contracts.Results;

/// <summary>
/// Runtime as a proxy for energy on one hardware target: E = P·t fitted by least squares through the origin over the
/// target's valid runs (P: <see cref="Watts"/>), beside the plain E = P̄·t with the runs' mean power. R² is
/// 1 − SS_res / SS_tot around the mean energy; it can be negative where the proxy explains less than the mean does.
/// E and t are per sample (joules and seconds per inferred text): the study's runs each processed one dataset, while
/// windows here are stretched to <c>minWindowSeconds</c>, so whole-window durations would all be alike and explain nothing.
/// </summary>
/// <param name="Gpus">GPUs metered per run on this target (its NVML readings); 0 on CPU targets.</param>
/// <param name="Estimated">Any run's energy was estimated from CPU time: then E ∝ t by construction and R² proves nothing.</param>
public sealed record RuntimeFit(string Hardware, int Gpus, int Runs, double Watts, double RSquared, double MeanWatts, double MeanWattsRSquared, bool Estimated)
{
    /// <summary>The fit per hardware target; targets with fewer than two valid runs get none.</summary>
    public static IReadOnlyList<RuntimeFit> PerHardware(IReadOnlyCollection<RunResult> validRuns) =>
        validRuns
            .GroupBy(r => r.Hardware, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .Select(g => Fit(g.Key, [.. g]))
            .OrderBy(f => f.Hardware, StringComparer.Ordinal)
            .ToList();

    /// <summary>GPUs metered in a run: its NVML readings.</summary>
    internal static int GpusOf(RunResult run) => run.Energy!.Readings.Count(reading => reading.Domain == Measurement.EnergyDomains.Gpu);

    private static RuntimeFit Fit(string hardware, IReadOnlyList<RunResult> runs)
    {
        var seconds = runs.Select(SecondsPerSample).ToArray();
        var joules = runs.Select(r => r.Energy!.JoulesPerSample).ToArray();
        var watts = seconds.Zip(joules, (t, e) => t * e).Sum() / seconds.Sum(t => t * t);
        var meanWatts = joules.Sum() / seconds.Sum();
        return new RuntimeFit(
            hardware,
            runs.Max(GpusOf),
            runs.Count,
            watts,
            CoefficientOfDetermination(joules, seconds.Select(t => watts * t).ToArray()),
            meanWatts,
            CoefficientOfDetermination(joules, seconds.Select(t => meanWatts * t).ToArray()),
            runs.Any(r => r.Energy!.Estimated));
    }

    internal static double SecondsPerSample(RunResult run) => run.DurationSeconds / run.Samples;

    internal static double CoefficientOfDetermination(double[] measured, double[] predicted)
    {
        var mean = measured.Average();
        var total = measured.Sum(e => (e - mean) * (e - mean));
        var residual = measured.Zip(predicted, (e, p) => (e - p) * (e - p)).Sum();
        return total > 0 ? 1 - residual / total : residual == 0 ? 1 : 0;
    }
}
