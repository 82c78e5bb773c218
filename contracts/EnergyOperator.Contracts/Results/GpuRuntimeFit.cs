namespace EnergyOperator.Contracts.Results;

/// <summary>
/// The study's form of the runtime proxy across hardware targets: E = (a + c·GPUs)·t, fitted by least squares over every
/// valid run, where GPUs is the number of GPUs a run's energy was metered on. <see cref="BaseWatts"/> is a, the power
/// that does not scale with GPUs; <see cref="WattsPerGpu"/> is c. Fitted only when the runs span at least two GPU counts.
/// E and t are per sample, as in <see cref="RuntimeFit"/>.
/// </summary>
public sealed record GpuRuntimeFit(double BaseWatts, double WattsPerGpu, double RSquared, int Runs, bool Estimated)
{
    public static GpuRuntimeFit? Over(IReadOnlyCollection<RunResult> validRuns)
    {
        var runs = validRuns.ToList();
        if (runs.Count < 3 || runs.Select(RuntimeFit.GpusOf).Distinct().Count() < 2)
        {
            return null;
        }

        // E = a·t + c·(G·t): two regressors, no intercept; solve the 2×2 normal equations.
        double stt = 0, stg = 0, sgg = 0, ste = 0, sge = 0;
        foreach (var run in runs)
        {
            var t = RuntimeFit.SecondsPerSample(run);
            var g = RuntimeFit.GpusOf(run) * t;
            var e = run.Energy!.JoulesPerSample;
            (stt, stg, sgg, ste, sge) = (stt + (t * t), stg + (t * g), sgg + (g * g), ste + (t * e), sge + (g * e));
        }

        var determinant = (stt * sgg) - (stg * stg);
        if (determinant <= 0)
        {
            return null;
        }

        var a = ((ste * sgg) - (sge * stg)) / determinant;
        var c = ((sge * stt) - (ste * stg)) / determinant;
        var measured = runs.Select(r => r.Energy!.JoulesPerSample).ToArray();
        var predicted = runs.Select(r => (a + (c * RuntimeFit.GpusOf(r))) * RuntimeFit.SecondsPerSample(r)).ToArray();
        return new GpuRuntimeFit(a, c, RuntimeFit.CoefficientOfDetermination(measured, predicted), runs.Count, runs.Any(r => r.Energy!.Estimated));
    }
}
