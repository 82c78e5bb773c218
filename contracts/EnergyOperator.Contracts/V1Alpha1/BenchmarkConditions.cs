using EnergyOperator.Contracts.Kubernetes;

namespace EnergyOperator.Contracts.V1Alpha1;

/// <summary>
/// The condition types of <c>status.conditions</c>, the resource's API for pipelines (<c>kubectl wait --for=condition=…</c>,
/// <c>energyctl submit --wait</c>). <c>Complete</c> turns True when every run has finished, whatever its outcome, so a wait
/// always returns; <c>Failed</c> turns True as soon as any run fails (and stays so beside <c>Complete</c>); <c>Ready</c> is
/// True while the spec is accepted; <c>Invalid</c> is True when the spec cannot run, its message naming the fields.
/// </summary>
public static class BenchmarkConditions
{
    public const string Ready = "Ready";
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Invalid = "Invalid";

    public const string True = "True";
    public const string False = "False";

    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) => Find(conditions, type)?.Status == True;
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
