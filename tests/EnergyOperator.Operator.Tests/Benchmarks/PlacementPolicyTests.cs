using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Operator.Benchmarks;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;

namespace EnergyOperator.Operator.Tests.Benchmarks;

public sealed class PlacementPolicyTests
{
    private static EnergyBenchmarkSpec WithTarget(HardwareTarget target)
    {
        var spec = Spec();
        spec.Hardware = [target];
        return spec;
    }

    [Fact]
    public void Check_OrdinaryGpuTarget_IsAllowedByDefault() =>
        Assert.Empty(new PlacementPolicy().Check(WithTarget(GpuTarget)));

    private static EnergyBenchmarkSpec WithServedModel(string image)
    {
        var spec = Spec();
        spec.Models = [new ModelSpec { Name = "served", Server = new ServerModelSpec { Url = "http://127.0.0.1:8000", Model = "m", Image = image } }];
        return spec;
    }

    [Fact]
    public void Check_ModelServerImage_IsRefusedByDefaultNamingTheFieldAndTheSetting()
    {
        var problem = Assert.Single(new PlacementPolicy().Check(WithServedModel("vllm/vllm-openai:v0.9.0")));

        Assert.Equal("spec.models[0].server.image", problem.Field);
        Assert.Contains("Placement.AllowedModelServerImages", problem.Message);
    }

    [Theory]
    [InlineData("vllm/vllm-openai:v0.9.0", true)]
    [InlineData("vllm/vllm-openai:latest", true)]
    [InlineData("ghcr.io/energyoperator/energy-runner:0.1.0", true)]
    [InlineData("ghcr.io/energyoperator/energy-runner:0.2.0", false)]
    [InlineData("evil/vllm-openai:v0.9.0", false)]
    public void Check_ModelServerImage_IsAllowedOnlyByAnExactEntryOrAStarPrefix(string image, bool allowed)
    {
        var policy = new PlacementPolicy { AllowedModelServerImages = ["vllm/vllm-openai:*", "ghcr.io/energyoperator/energy-runner:0.1.0"] };

        var problems = policy.Check(WithServedModel(image));

        Assert.Equal(allowed, problems.Count == 0);
    }

    [Fact]
    public void Check_ControlPlaneNodeSelector_IsRefused()
    {
        var target = new HardwareTarget { Name = "cp", NodeSelector = new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" } };

        var problem = Assert.Single(new PlacementPolicy().Check(WithTarget(target)));

        Assert.Equal("spec.hardware[0].nodeSelector", problem.Field);
    }

    [Fact]
    public void Check_TolerationWithoutKey_IsRefused()
    {
        var target = new HardwareTarget { Name = "any", Tolerations = [new Toleration { Operator = "Exists" }] };

        Assert.Contains("tolerates every taint", Assert.Single(new PlacementPolicy().Check(WithTarget(target))).Message);
    }

    [Fact]
    public void Check_KeysOutsideTheAllowLists_AreRefusedNamingWhatIsAllowed()
    {
        var policy = new PlacementPolicy { AllowedNodeSelectorKeys = ["pool"], AllowedTolerationKeys = ["nvidia.com/gpu"] };
        var target = new HardwareTarget
        {
            Name = "x",
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "db-1" },
            Tolerations = [new Toleration { Key = "dedicated", Operator = "Exists" }],
        };

        var problems = policy.Check(WithTarget(target));

        Assert.Contains(problems, p => p.Message.Contains("'kubernetes.io/hostname'") && p.Message.Contains("allowed: pool"));
        Assert.Contains(problems, p => p.Message.Contains("'dedicated'") && p.Message.Contains("allowed: nvidia.com/gpu"));
    }

    [Fact]
    public void Check_OtherExtendedResource_IsRefused()
    {
        var target = new HardwareTarget { Name = "fpga", Gpus = 1, GpuResource = "example.com/fpga" };

        Assert.Equal("spec.hardware[0].gpuResource", Assert.Single(new PlacementPolicy().Check(WithTarget(target))).Field);
    }

    [Fact]
    public void Check_MoreRunsThanTheAdminAllows_IsRefused()
    {
        var spec = Spec([1, 2, 4]);
        spec.Runtime.Repetitions = 5;

        var problem = Assert.Single(new PlacementPolicy { MaxRuns = 10 }.Check(spec));

        Assert.Contains("expands to 15 runs", problem.Message);
    }
}
