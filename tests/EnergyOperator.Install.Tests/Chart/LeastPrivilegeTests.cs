using System.Text.Json.Nodes;
using EnergyOperator.Install.Tests.Helm;

namespace EnergyOperator.Install.Tests.Chart;

/// <summary>What the chart grants by default: no privileged container anywhere, an unprivileged meter, and the placement policy at the API server.</summary>
public sealed class LeastPrivilegeTests
{
    [Fact]
    public void Default_RendersNoPrivilegedContainerAndAnUnprivilegedMeter()
    {
        var render = Renders.Default;

        Assert.All(render.Manifests, m => Assert.DoesNotContain("\"privileged\":true", m.Object.ToJsonString().Replace(" ", "", StringComparison.Ordinal)));
        var environment = render.Environment();
        Assert.Equal("Capabilities", (string?)environment["EnergyOperator__MeterSecurity"]["value"]);
        Assert.Equal("false", (string?)environment["EnergyOperator__MeterSeesAllNodeGpus"]["value"]);
        Assert.Equal("nvidia.com/gpu", (string?)environment["EnergyOperator__Placement__AllowedGpuResources"]["value"]);
    }

    [Fact]
    public void Default_AdmissionPolicyRefusesWhatTheOperatorRefuses()
    {
        var render = Renders.Default;

        var policy = Assert.Single(render.OfKind("ValidatingAdmissionPolicy")).Object;
        var expressions = policy["spec"]!["validations"]!.AsArray().Select(v => (string)v!["expression"]!).ToList();
        Assert.Contains(expressions, e => e.Contains("node-role.kubernetes.io/", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("has(t.key) && t.key != ''", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("h.gpuResource in ['nvidia.com/gpu', ]", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.TrimEnd().EndsWith("<= 256", StringComparison.Ordinal));
        var binding = Assert.Single(render.OfKind("ValidatingAdmissionPolicyBinding")).Object;
        Assert.Equal((string?)policy["metadata"]!["name"], (string?)binding["spec"]!["policyName"]);
        Assert.Equal(["Deny"], binding["spec"]!["validationActions"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void AllowLists_AppearInThePolicyAndTheOperatorsSettings()
    {
        var render = Renders.Render("placement: {allowedNodeSelectorKeys: [pool], allowedTolerationKeys: [nvidia.com/gpu], allowedGpuResources: [nvidia.com/gpu], maxRuns: 50}");

        var expressions = Assert.Single(render.OfKind("ValidatingAdmissionPolicy")).Object["spec"]!["validations"]!.AsArray()
            .Select(v => (string)v!["expression"]!).ToList();
        Assert.Contains(expressions, e => e.Contains("k in ['pool', ]", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Contains("t.key in ['nvidia.com/gpu', ]", StringComparison.Ordinal));
        Assert.Equal("pool", (string?)render.Environment()["EnergyOperator__Placement__AllowedNodeSelectorKeys"]["value"]);
        Assert.Equal("50", (string?)render.Environment()["EnergyOperator__Placement__MaxRuns"]["value"]);
    }

    [Fact]
    public void AdmissionPolicyDisabled_RendersNone() =>
        Assert.Empty(Renders.Render("admissionPolicy: {enabled: false}").OfKind("ValidatingAdmissionPolicy"));
}
