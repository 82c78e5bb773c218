using System.Text.Json.Nodes;
using EnergyOperator.Install.Tests.Helm;
using EnergyOperator.Operator.Hosting;

namespace EnergyOperator.Install.Tests.Chart;

/// <summary>The operator's API access, defined once in templates/_rbac.tpl, as the chart grants it.</summary>
public sealed class RbacTests
{
    // The operator's own list of what it calls: the chart must grant exactly that.
    private static readonly string[] BenchmarkRules = Format(OperatorPermissions.Benchmarks);

    private static readonly string[] LeaseRules = Format(OperatorPermissions.LeaderElection);

    [Fact]
    public void Default_GrantsBenchmarkRulesClusterWideAndTheLeaseInTheOwnNamespace()
    {
        var render = Renders.Default;

        Assert.Equal(BenchmarkRules, Rules(Assert.Single(render.OfKind("ClusterRole"))));
        var leaseRole = Assert.Single(render.OfKind("Role"));
        Assert.Equal(LeaseRules, Rules(leaseRole));
        Assert.Equal(Repository.DefaultRelease.Namespace, Namespace(leaseRole));
        AssertBindsOperatorAccount(render, "ClusterRoleBinding", "ClusterRole");
        AssertBindsOperatorAccount(render, "RoleBinding", "Role");
    }

    [Fact]
    public void WatchNamespaces_GrantsBenchmarkRulesOnlyInThoseNamespaces()
    {
        var render = Renders.Render(Renders.WatchTwoNamespaces);
        var benchmarkRoles = render.OfKind("Role").Where(r => !r.Name.EndsWith("-leader-election", StringComparison.Ordinal)).ToList();

        Assert.Empty(render.OfKind("ClusterRole"));
        Assert.Empty(render.OfKind("ClusterRoleBinding"));
        Assert.Equal(["a", "b"], benchmarkRoles.Select(Namespace));
        Assert.All(benchmarkRoles, role => Assert.Equal(BenchmarkRules, Rules(role)));
        Assert.Equal(["a", "b", Repository.DefaultRelease.Namespace], render.OfKind("RoleBinding").Select(Namespace));
        AssertBindsOperatorAccount(render, "RoleBinding", "Role");
    }

    [Fact]
    public void WithoutLeaderElection_GrantsNoLeaseAccess()
    {
        var render = Renders.Render(Renders.WithoutLeaderElection);

        Assert.Empty(render.OfKind("Role"));
        Assert.Empty(render.OfKind("RoleBinding"));
        Assert.Equal(BenchmarkRules, Rules(Assert.Single(render.OfKind("ClusterRole"))));
    }

    /// <summary>Every binding of <paramref name="bindingKind"/> names a rendered role and the operator's service account.</summary>
    private static void AssertBindsOperatorAccount(ChartRender render, string bindingKind, string roleKind)
    {
        var account = Assert.Single(render.OfKind("ServiceAccount"));
        Assert.All(render.OfKind(bindingKind), binding =>
        {
            var roleRef = binding.Object["roleRef"]!;
            Assert.Equal(roleKind, (string?)roleRef["kind"]);
            Assert.Contains(render.OfKind(roleKind), role => role.Name == (string?)roleRef["name"] && Namespace(role) == Namespace(binding));
            var subject = Assert.Single(binding.Object["subjects"]!.AsArray())!;
            Assert.Equal(("ServiceAccount", account.Name, Namespace(account)), ((string?)subject["kind"], (string?)subject["name"], (string?)subject["namespace"]));
        });
    }

    private static string[] Format(IReadOnlyList<PermissionRule> rules) =>
        [.. rules.Select(rule => $"{rule.ApiGroup}/{rule.Resource}: {string.Join(',', rule.Verbs)}")];

    private static string? Namespace(RenderedManifest manifest) => (string?)manifest.Object["metadata"]!["namespace"];

    private static string[] Rules(RenderedManifest role) =>
    [
        .. role.Object["rules"]!.AsArray().SelectMany(rule => rule!["apiGroups"]!.AsArray().SelectMany(group => rule["resources"]!.AsArray().Select(resource =>
            $"{(string?)group}/{(string?)resource}: {string.Join(',', rule["verbs"]!.AsArray().Select(v => (string?)v))}"))),
    ];
}
