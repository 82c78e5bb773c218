using EnergyOperator.Contracts.Kubernetes;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// The condition types of <c>status.conditions</c>. <c>Complete</c> turns True when every run has finished, whatever its
/// outcome, so <c>kubectl wait --for=condition=Complete</c> always returns; <c>Failed</c> turns True as soon as any run
/// fails (and stays so beside <c>Complete</c>); <c>Ready</c> is True while the spec is accepted.
/// </summary>
public static class BenchmarkConditions
{
    public const string Ready = "Ready";
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Invalid = "Invalid";

    internal const string True = "True";
    internal const string False = "False";

    /// <summary>
    /// The desired conditions, each keeping its previous <c>lastTransitionTime</c> when its status did not change (a new
    /// reason or message is not a transition).
    /// </summary>
    internal static IReadOnlyList<Condition> Merge(IReadOnlyList<Condition>? previous, IEnumerable<Condition> desired, DateTimeOffset now, long generation) =>
        desired.Select(condition =>
        {
            var before = previous?.FirstOrDefault(p => p.Type == condition.Type);
            var since = before is { LastTransitionTime: { } time } && before.Status == condition.Status ? time : now;
            return condition with { LastTransitionTime = since, ObservedGeneration = generation };
        }).ToList();

    internal static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.Any(c => c.Type == type && c.Status == True) == true;
}

/// <summary>The values of <c>status.phase</c>.</summary>
public static class BenchmarkPhases
{
    /// <summary>Accepted; no run has started yet.</summary>
    public const string Pending = "Pending";

    public const string Running = "Running";

    /// <summary>Every run finished and none failed.</summary>
    public const string Complete = "Complete";

    /// <summary>Every run finished and at least one failed.</summary>
    public const string Failed = "Failed";

    /// <summary>The spec cannot run; nothing happens until it changes.</summary>
    public const string Invalid = "Invalid";
}
