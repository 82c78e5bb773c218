namespace EnergyOperator.Operator.Hosting;

/// <summary>One RBAC rule: an API group ("" for core), a resource (with <c>/subresource</c>) and its verbs.</summary>
public sealed record PermissionRule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs);

/// <summary>
/// Everything the operator calls on the API server, and nothing more. The chart's RBAC (templates/_rbac.tpl) is tested equal
/// to these lists, and the operator's observed requests are tested to stay within them.
/// </summary>
public static class OperatorPermissions
{
    /// <summary>In every watched namespace: read benchmarks, write their status, run and clean up runner pods, record events.</summary>
    public static IReadOnlyList<PermissionRule> Benchmarks { get; } =
    [
        new("energy.energyoperator.io", "energybenchmarks", ["get", "list", "watch"]),
        new("energy.energyoperator.io", "energybenchmarks/status", ["get", "update", "patch"]),
        new("", "pods", ["get", "list", "watch", "create", "delete"]),
        new("", "events", ["create", "patch"]),
    ];

    /// <summary>In the operator's own namespace, when leader election is on.</summary>
    public static IReadOnlyList<PermissionRule> LeaderElection { get; } =
    [
        new("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ];

    public static bool Allows(string group, string resource, string verb) =>
        Benchmarks.Concat(LeaderElection).Any(rule => rule.ApiGroup == group && rule.Resource == resource && rule.Verbs.Contains(verb));
}
