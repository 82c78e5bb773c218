using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary>
/// Reads what the operator reports in <c>status</c>. The condition types are the operator's API (what
/// <c>kubectl wait --for=condition=Complete</c> reads): <c>Complete</c> is True once every run finished, whatever its outcome,
/// <c>Failed</c> once any run failed, <c>Invalid</c> when the spec cannot run.
/// </summary>
internal static class BenchmarkState
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Invalid = "Invalid";

    public static bool IsTrue(EnergyBenchmark benchmark, string type) =>
        Find(benchmark, type) is { Status: "True" };

    public static string? Message(EnergyBenchmark benchmark, string type) => Find(benchmark, type)?.Message;

    /// <summary>
    /// Whether the status describes the current spec: after a replace, the conditions of the previous generation must not end a
    /// wait. A status without <c>observedGeneration</c> is taken as current.
    /// </summary>
    public static bool IsObserved(EnergyBenchmark benchmark, long? generation) =>
        benchmark.Status?.ObservedGeneration is not { } observed || generation is null || observed >= generation;

    /// <summary>E.g. <c>Running, 3/8 runs done</c>.</summary>
    public static string Progress(EnergyBenchmark benchmark) => benchmark.Status is { } status
        ? $"{status.Phase ?? "Pending"}, {status.RunsDone}/{status.RunsTotal} runs done"
        : "Pending, not yet picked up by the operator";

    private static Contracts.Kubernetes.Condition? Find(EnergyBenchmark benchmark, string type) =>
        benchmark.Status?.Conditions.FirstOrDefault(c => c.Type == type);
}
