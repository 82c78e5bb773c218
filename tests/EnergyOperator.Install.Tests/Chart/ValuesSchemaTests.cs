using System.Text.Json.Nodes;
using EnergyOperator.Install.Tests.Schema;
using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Chart;

public sealed class ValuesSchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.ChartDirectory, "values.schema.json")))!.AsObject();

    private static readonly object? Defaults = YamlValues.Parse(File.ReadAllText(Path.Combine(Repository.ChartDirectory, "values.yaml")), "values.yaml");

    [Fact]
    public void DefaultValues_MatchTheSchema() => Assert.Empty(JsonSchemaSubset.Validate(YamlValues.ToJson(Defaults), Schema));

    [Theory]
    [InlineData(Renders.WatchTwoNamespaces)]
    [InlineData(Renders.WithServiceMonitor)]
    [InlineData(Renders.WithoutLeaderElection)]
    [InlineData(Renders.WithGpuNodeSelector)]
    public void ValuesTheTestsRender_MatchTheSchema(string values) => Assert.Empty(Validate(values));

    [Theory]
    [InlineData("replicaCount: \"two\"", "$.replicaCount: must be integer, got string")]
    [InlineData("replicaCount: -1", "$.replicaCount: -1 is outside [0, ]")]
    [InlineData("meter: {security: Root}", "$.meter.security: \"Root\" is not one of [\"Privileged\",\"Capabilities\"]")]
    [InlineData("meter: {nativeSidecar: \"yes\"}", "$.meter.nativeSidecar: must be boolean, got string")]
    [InlineData("watchNamespaces: default", "$.watchNamespaces: must be array, got string")]
    [InlineData("watchNamespaces: [Team_A]", "$.watchNamespaces[0]: 'Team_A' does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [InlineData("defaultNodeSelector: {nvidia.com/gpu.present: true}", "$.defaultNodeSelector.nvidia.com/gpu.present: must be string, got true")]
    [InlineData("operator: {image: {pullPolicy: Sometimes}}", "$.operator.image.pullPolicy: \"Sometimes\" is not one of [\"Always\",\"IfNotPresent\",\"Never\"]")]
    [InlineData("leaderElection: {enable: false}", "$.leaderElection.enable: unknown key")]
    [InlineData("replicas: 2", "$.replicas: unknown key")]
    public void WrongValues_AreRejectedWithThePath(string values, string expected) => Assert.Contains(expected, Validate(values));

    private static IReadOnlyList<string> Validate(string values) =>
        JsonSchemaSubset.Validate(YamlValues.ToJson(YamlValues.Merge(Defaults, YamlValues.Parse(values, "override"))), Schema);
}
