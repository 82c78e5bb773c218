using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>
/// One report from the parts of one benchmark run separately (<c>energyctl run --hardware</c>: the CPU half here, the GPU half
/// on a GPU machine), so that the summary, the runtime fits and the plot see every run. Parts must share the benchmark, the
/// split and the grid intensity, and no run may appear twice; anything else is refused, never silently mixed.
/// </summary>
internal static class ReportMerge
{
    /// <exception cref="ArgumentException">The parts are not of one benchmark; the message says which field differs.</exception>
    public static BenchmarkReport Of(IReadOnlyList<BenchmarkReport> parts)
    {
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            Require(part.Benchmark == first.Benchmark, $"benchmarks differ ('{first.Benchmark}', '{part.Benchmark}')");
            Require(part.Dataset.Split is not null && part.Dataset.Split == first.Dataset.Split && part.Dataset.Labels.SequenceEqual(first.Dataset.Labels),
                $"datasets differ (split {first.Dataset.Split ?? "unknown"} and {part.Dataset.Split ?? "unknown"}): runs scored on different texts do not compare");
            Require(part.Summary.GridIntensityGramsPerKWh == first.Summary.GridIntensityGramsPerKWh, "spec.measurement.gridIntensityGramsPerKWh differs");
            // The report describes one host; parts from two would need a host per run, which reports do not carry.
            Require(part.Host == first.Host, $"they ran on different machines ({first.Host.MachineName}, {part.Host.MachineName}); compare them with two files instead");
        }

        Require(first.Dataset.Split is not null, "the first report predates split fingerprints, so its texts cannot be shown to be the others'");
        var runs = parts.SelectMany(part => part.Runs).ToList();
        var repeated = runs.GroupBy(run => run.Name, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Require(repeated.Count == 0, $"run {string.Join(", ", repeated.Take(3))} appears in more than one report: merge parts that ran different hardware targets");

        return first with
        {
            StartedAt = parts.Min(part => part.StartedAt),
            FinishedAt = parts.Max(part => part.FinishedAt),
            Meters = [.. parts.SelectMany(part => part.Meters).DistinctBy(meter => (meter.Source, meter.Available))],
            Runs = runs,
            Summary = BenchmarkSummary.From(runs, parts.Sum(part => part.Summary.RunsTotal), first.Summary.GridIntensityGramsPerKWh),
        };
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
