namespace EnergyOperator.Contracts.Results;

/// <summary>One configuration (model × engine × hardware × batch size) aggregated over its valid repetitions.</summary>
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
    /// <summary>Aggregates valid runs by configuration; failed runs are counted, never averaged in.</summary>
    public static BenchmarkSummary From(IReadOnlyCollection<RunResult> runs, int? runsTotal = null)
    {
        var valid = runs.Where(r => r.IsValidMeasurement).ToList();
        var configurations = valid
            .GroupBy(r => (r.Model, r.Engine, r.Hardware, r.BatchSize))
            .Select(g => Summarize(g.Key.Model, g.Key.Engine, g.Key.Hardware, g.Key.BatchSize, g.ToList()))
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
            configurations);
    }

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

    private static ConfigurationSummary Summarize(string model, string engine, string hardware, int batchSize, List<RunResult> runs)
    {
        var perSample = runs.Select(r => r.Energy!.JoulesPerSample).ToList();
        var mean = perSample.Average();
        var stdDev = perSample.Count > 1
            ? Math.Sqrt(perSample.Sum(x => (x - mean) * (x - mean)) / (perSample.Count - 1))
            : 0;
        return new ConfigurationSummary(
            model,
            engine,
            hardware,
            batchSize,
            runs.Count,
            runs.Average(r => r.Accuracy!.Value),
            runs.Average(r => r.MacroF1 ?? 0),
            mean,
            stdDev,
            runs.Average(r => r.Energy!.WhPer1k),
            runs.Average(r => r.SamplesPerSecond),
            runs.Any(r => r.Energy!.Estimated));
    }
}
