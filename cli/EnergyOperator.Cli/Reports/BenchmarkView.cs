using System.Text.Json;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Cli.Reports;

/// <summary>
/// What a benchmark shows, whether it ran here (a <see cref="BenchmarkReport"/>) or on a cluster (an <see cref="EnergyBenchmark"/>'s
/// status): every report format renders this one model.
/// </summary>
/// <param name="Dataset">The dataset's name: a built-in's, or the file's path or URL.</param>
/// <param name="TestSamples">Texts scored per run; known only for local reports.</param>
/// <param name="Phase">The cluster's <c>status.phase</c>; null for a local report, which only exists once finished.</param>
/// <param name="Json">The contract document the view was made from, as <c>energyctl</c> writes it.</param>
/// <param name="Report">The local report the view was made from; null for a cluster benchmark.</param>
internal sealed record BenchmarkView(
    string Name,
    string Dataset,
    int? TestSamples,
    string? Phase,
    int RunsTotal,
    int RunsDone,
    IReadOnlyList<RunResult> Runs,
    BenchmarkSummary Summary,
    string Json,
    BenchmarkReport? Report)
{
    public bool AnyEstimated => Summary.Estimated || Runs.Any(r => r.Energy?.Estimated == true || (r.Generation is { } g && GenerationGrid.Estimated(g)));

    /// <summary>The configuration with the fewest joules per sample, whose own label says whether that figure is estimated.</summary>
    public ConfigurationSummary? Cheapest => Summary.Configurations.FirstOrDefault(c => c.Key == Summary.LowestJoulesPerSampleConfiguration);

    /// <summary>Joules of a configuration's valid runs together, the runs the summary averaged.</summary>
    public double TotalJoules(ConfigurationSummary configuration) =>
        Runs.Where(r => r.IsValidMeasurement && r.Model == configuration.Model && r.Engine == configuration.Engine
                && r.Hardware == configuration.Hardware && r.BatchSize == configuration.BatchSize)
            .Sum(r => r.Energy!.Joules);

    public static BenchmarkView FromReport(BenchmarkReport report) => new(
        report.Benchmark,
        report.Dataset.Name,
        report.Dataset.TestSamples,
        Phase: null,
        report.Summary.RunsTotal,
        report.Runs.Count,
        report.Runs,
        report.Summary,
        JsonSerializer.Serialize(report, ContractsJsonContext.Default.BenchmarkReport),
        report);

    /// <summary>A cluster benchmark at any stage: before the operator's first summary, the summary of the runs so far.</summary>
    public static BenchmarkView FromCluster(EnergyBenchmark benchmark)
    {
        var status = benchmark.Status ?? new EnergyBenchmarkStatus();
        var dataset = benchmark.Spec.Dataset;
        return new BenchmarkView(
            benchmark.Metadata.Name ?? "",
            dataset.Builtin ?? dataset.File?.Path ?? dataset.File?.Url ?? "",
            TestSamples: null,
            status.Phase ?? BenchmarkPhases.Pending,
            status.RunsTotal,
            status.RunsDone,
            status.Runs,
            status.Summary ?? BenchmarkSummary.From(status.Runs.ToList(), status.RunsTotal),
            JsonSerializer.Serialize(benchmark, ContractsJsonContext.Default.EnergyBenchmark),
            Report: null);
    }
}
