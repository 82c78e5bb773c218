namespace EnergyOperator.Contracts.Results;

/// <summary>One configuration (model × engine × hardware × batch size) aggregated over its valid repetitions.</summary>
/// <param name="JoulesPerSampleCv">Coefficient of variation of <see cref="JoulesPerSample"/> over the repetitions.</param>
/// <param name="Unstable">The joules, duration or throughput of the repetitions vary by more than <see cref="Spread.UnstableCv"/>.</param>
/// <param name="RelativeRating">1–5 among this benchmark's configurations (5: the lowest fifth of its joules-per-sample range on a
/// log scale); relative to this benchmark only.</param>
/// <param name="GramsCo2ePer1k">Grams of CO2e per 1,000 samples at <c>spec.measurement.gridIntensityGramsPerKWh</c>; null without it.</param>
/// <param name="ProxyJoulesPerSample">Joules per sample its hardware's runtime fit predicts from its duration (<see cref="RuntimeFit"/>).</param>
public sealed record ConfigurationSummary(
    string Model,
    string Engine,
    string Hardware,
    int BatchSize,
    int Repetitions,
    double Accuracy,
    double MacroF1,
    double JoulesPerSample,
    double JoulesPerSampleStdDev,
    double WhPer1k,
    double SamplesPerSecond,
    bool Estimated)
{
    public string Key => $"{Model}/{Engine}/{Hardware}/b{BatchSize}";

    public double JoulesPerSampleCv { get; init; }

    public double DurationSeconds { get; init; }

    public double DurationSecondsCv { get; init; }

    public double SamplesPerSecondCv { get; init; }

    public bool Unstable { get; init; }

    public int RelativeRating { get; init; }

    public double? GramsCo2ePer1k { get; init; }

    public double? ProxyJoulesPerSample { get; init; }
}

/// <summary>What a benchmark found: the best accuracy, the cheapest configuration and the accuracy–energy Pareto set.</summary>
public sealed record BenchmarkSummary(
    int RunsTotal,
    int RunsSucceeded,
    int RunsFailed,
    double TotalJoules,
    bool Estimated,
    double? BestAccuracy,
    string? BestAccuracyConfiguration,
    double? LowestJoulesPerSample,
    string? LowestJoulesPerSampleConfiguration,
    IReadOnlyList<string> Pareto,
    IReadOnlyList<ConfigurationSummary> Configurations)
{
    /// <summary>E = P·t per hardware target: how well runtime predicts energy.</summary>
    public IReadOnlyList<RuntimeFit> RuntimeFits { get; init; } = [];

    /// <summary>E = (a + c·GPUs)·t across targets; null unless the runs span two or more GPU counts.</summary>
    public GpuRuntimeFit? GpuRuntimeFit { get; init; }

    /// <summary>The grid intensity the carbon figures use; null: none reported.</summary>
    public double? GridIntensityGramsPerKWh { get; init; }

    /// <summary>Grams of CO2e of <see cref="TotalJoules"/> at <see cref="GridIntensityGramsPerKWh"/>.</summary>
    public double? TotalGramsCo2e { get; init; }

    /// <summary>Aggregates valid runs by configuration; failed runs are counted, never averaged in.</summary>
    /// <param name="gridIntensityGramsPerKWh"><c>spec.measurement.gridIntensityGramsPerKWh</c>: carbon figures only when given.</param>
    public static BenchmarkSummary From(IReadOnlyCollection<RunResult> runs, int? runsTotal = null, double? gridIntensityGramsPerKWh = null)
    {
        var valid = runs.Where(r => r.IsValidMeasurement).ToList();
        var fits = RuntimeFit.PerHardware(valid);
        var summarized = valid
            .GroupBy(r => (r.Model, r.Engine, r.Hardware, r.BatchSize))
            .Select(g => Summarize(g.Key.Model, g.Key.Engine, g.Key.Hardware, g.Key.BatchSize, g.ToList(), fits.FirstOrDefault(f => f.Hardware == g.Key.Hardware), gridIntensityGramsPerKWh))
            .ToList();
        var configurations = Rate(summarized)
            .OrderBy(c => c.Model, StringComparer.Ordinal)
            .ThenBy(c => c.Engine, StringComparer.Ordinal)
            .ThenBy(c => c.Hardware, StringComparer.Ordinal)
            .ThenBy(c => c.BatchSize)
            .ToList();

        var best = configurations.OrderByDescending(c => c.Accuracy).ThenBy(c => c.JoulesPerSample).FirstOrDefault();
        var cheapest = configurations.OrderBy(c => c.JoulesPerSample).ThenByDescending(c => c.Accuracy).FirstOrDefault();
        return new BenchmarkSummary(
            runsTotal ?? runs.Count,
            valid.Count,
            runs.Count(r => r.Outcome == RunOutcome.Failed),
            valid.Sum(r => r.Energy!.Joules),
            valid.Any(r => r.Energy!.Estimated),
            best?.Accuracy,
            best?.Key,
            cheapest?.JoulesPerSample,
            cheapest?.Key,
            ParetoFront(configurations),
            configurations)
        {
            RuntimeFits = fits,
            GpuRuntimeFit = GpuRuntimeFit.Over(valid),
            GridIntensityGramsPerKWh = gridIntensityGramsPerKWh,
            TotalGramsCo2e = gridIntensityGramsPerKWh * valid.Sum(r => r.Energy!.Joules) / JoulesPerKWh,
        };
    }

    private const double JoulesPerKWh = 3.6e6;

    /// <summary>Configurations no other configuration beats on both axes (higher accuracy, fewer joules per sample).</summary>
    internal static IReadOnlyList<string> ParetoFront(IReadOnlyList<ConfigurationSummary> configurations) =>
        configurations
            .Where(c => !configurations.Any(o => Dominates(o, c)))
            .OrderBy(c => c.JoulesPerSample)
            .Select(c => c.Key)
            .ToList();

    private static bool Dominates(ConfigurationSummary a, ConfigurationSummary b) =>
        a.Accuracy >= b.Accuracy && a.JoulesPerSample <= b.JoulesPerSample
        && (a.Accuracy > b.Accuracy || a.JoulesPerSample < b.JoulesPerSample);

    private static ConfigurationSummary Summarize(
        string model, string engine, string hardware, int batchSize, List<RunResult> runs, RuntimeFit? fit, double? gridIntensity)
    {
        var perSample = Spread.Of([.. runs.Select(r => r.Energy!.JoulesPerSample)]);
        var duration = Spread.Of([.. runs.Select(r => r.DurationSeconds)]);
        var throughput = Spread.Of([.. runs.Select(r => r.SamplesPerSecond)]);
        var whPer1k = runs.Average(r => r.Energy!.WhPer1k);
        return new ConfigurationSummary(
            model,
            engine,
            hardware,
            batchSize,
            runs.Count,
            runs.Average(r => r.Accuracy!.Value),
            runs.Average(r => r.MacroF1 ?? 0),
            perSample.Mean,
            perSample.StdDev,
            whPer1k,
            throughput.Mean,
            runs.Any(r => r.Energy!.Estimated))
        {
            JoulesPerSampleCv = perSample.Cv,
            DurationSeconds = duration.Mean,
            DurationSecondsCv = duration.Cv,
            SamplesPerSecondCv = throughput.Cv,
            Unstable = Math.Max(perSample.Cv, Math.Max(duration.Cv, throughput.Cv)) > Spread.UnstableCv,
            GramsCo2ePer1k = gridIntensity * whPer1k / 1000,
            ProxyJoulesPerSample = fit is null ? null : runs.Average(r => fit.Watts * RuntimeFit.SecondsPerSample(r)),
        };
    }

    /// <summary>Five bands over the log of the joules-per-sample range (energies here span orders of magnitude); 5 is cheapest.</summary>
    private static IEnumerable<ConfigurationSummary> Rate(IReadOnlyList<ConfigurationSummary> configurations)
    {
        var logs = configurations.Where(c => c.JoulesPerSample > 0).Select(c => Math.Log10(c.JoulesPerSample)).ToList();
        var (low, high) = logs.Count > 0 ? (logs.Min(), logs.Max()) : (0, 0);
        foreach (var c in configurations)
        {
            var position = high > low && c.JoulesPerSample > 0 ? (Math.Log10(c.JoulesPerSample) - low) / (high - low) : 0;
            yield return c with { RelativeRating = 5 - (int)Math.Min(4, Math.Floor(position * 5)) };
        }
    }
}
