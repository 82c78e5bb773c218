using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary>Reads what the operator reports in <c>status</c> (condition types: <see cref="BenchmarkConditions"/>).</summary>
internal static class BenchmarkState
{
    public static bool IsTrue(EnergyBenchmark benchmark, string type) => BenchmarkConditions.IsTrue(benchmark.Status?.Conditions, type);

    public static string? Message(EnergyBenchmark benchmark, string type) => BenchmarkConditions.Find(benchmark.Status?.Conditions, type)?.Message;

    /// <summary>
    /// Whether the status describes the current spec: after a replace, the conditions of the previous generation must not end a
    /// wait. A status without <c>observedGeneration</c> is taken as current.
    /// </summary>
    public static bool IsObserved(EnergyBenchmark benchmark, long? generation) =>
        benchmark.Status?.ObservedGeneration is not { } observed || generation is null || observed >= generation;

    /// <summary>E.g. <c>Running, 3/8 runs done</c>.</summary>
    public static string Progress(EnergyBenchmark benchmark) => benchmark.Status is { } status
        ? $"{status.Phase ?? BenchmarkPhases.Pending}, {status.RunsDone}/{status.RunsTotal} runs done"
        : "Pending, not yet picked up by the operator";
}
