using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Operator.Benchmarks;

internal static class ConditionMerge
{
    /// <summary>
    /// The desired conditions, each keeping its previous <c>lastTransitionTime</c> when its status did not change (a new
    /// reason or message is not a transition).
    /// </summary>
    public static IReadOnlyList<Condition> Merge(IReadOnlyList<Condition>? previous, IEnumerable<Condition> desired, DateTimeOffset now, long generation) =>
        desired.Select(condition =>
        {
            var before = previous?.FirstOrDefault(p => p.Type == condition.Type);
            var since = before is { LastTransitionTime: { } time } && before.Status == condition.Status ? time : now;
            return condition with { LastTransitionTime = since, ObservedGeneration = generation };
        }).ToList();
}
