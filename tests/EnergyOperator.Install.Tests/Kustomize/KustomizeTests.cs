using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Schema;
using EnergyOperator.Install.Tests.Chart;
using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Kustomize;

public sealed class KustomizeTests
{
    private const string Default = "config/default";
    private const string Gpu = "config/overlays/gpu";

    [Fact]
    public void GeneratedFiles_AreTheChartRenderAndTheCrd()
    {
        var regenerate = Environment.GetEnvironmentVariable(GeneratedConfig.RegenerateVariable) == "1";
        foreach (var (relative, expected) in GeneratedConfig.Expected())
        {
            var path = Repository.PathOf(relative);
            if (regenerate)
            {
                File.WriteAllText(path, expected);
            }

            Assert.True(
                File.Exists(path) && File.ReadAllText(path) == expected,
                $"{relative} differs from its source (the chart or crds/). Regenerate it: {GeneratedConfig.RegenerateCommand}");
        }
    }

    [KubectlFact]
    public async Task Default_RendersTheNamespaceTheCrdAndExactlyTheChartsObjects()
    {
        var objects = await RenderAsync(Default);
        var expected = Renders.Default.Manifests.Select(m => m.Object)
            .Append(Namespace())
            .Append(Parse(File.ReadAllText(Repository.PathOf($"crds/{CrdFiles.FileName}"))).Single())
            .ToList();

        AssertSameObjects(expected, objects);
    }

    [KubectlFact]
    public async Task GpuOverlay_IsTheChartWithItsGpuValues()
    {
        var values = File.ReadAllText(Repository.PathOf($"{Gpu}/values-gpu.yaml"));
        var render = Renders.Render(values);
        var objects = await RenderAsync(Gpu);

        AssertSameObjects([.. render.Manifests.Select(m => m.Object), Namespace(), .. Parse(File.ReadAllText(Repository.PathOf($"crds/{CrdFiles.FileName}")))], objects);
        var environment = render.Environment();
        Assert.EndsWith("-cuda", (string?)environment["EnergyOperator__RunnerImage"]["value"]);
        Assert.NotEqual((string?)Renders.Default.Environment()["EnergyOperator__RunnerImage"]["value"], (string?)environment["EnergyOperator__RunnerImage"]["value"]);
        Assert.Contains("--EnergyOperator:DefaultNodeSelector:nvidia.com/gpu.present=true", render.OperatorContainer()["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("nvidia.com/gpu", (string?)render.Deployment()["spec"]!["template"]!["spec"]!["tolerations"]![0]!["key"]);
    }

    [KubectlFact]
    public async Task EveryConfiguration_RendersNamedObjects()
    {
        foreach (var directory in new[] { Default, Gpu })
        {
            Assert.All(await RenderAsync(directory), o =>
            {
                Assert.False(string.IsNullOrEmpty((string?)o["apiVersion"]), $"{directory}: an object without apiVersion");
                Assert.False(string.IsNullOrEmpty((string?)o["kind"]), $"{directory}: an object without kind");
                Assert.False(string.IsNullOrEmpty((string?)o["metadata"]?["name"]), $"{directory}: a {o["kind"]} without a name");
            });
        }
    }

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(string directory) => Parse(await Kubectl.KustomizeAsync(directory));

    private static JsonObject Namespace() => Parse(File.ReadAllText(Repository.PathOf($"{Default}/namespace.yaml"))).Single();

    private static List<JsonObject> Parse(string yaml) =>
        YamlValues.ParseDocuments(yaml, "kustomize output").Where(d => d is not null).Select(d => YamlValues.ToJson(d)!.AsObject()).ToList();

    /// <summary>The same objects, by kind, namespace and name, each deeply equal (kustomize reorders objects and keys).</summary>
    private static void AssertSameObjects(IReadOnlyList<JsonObject> expected, IReadOnlyList<JsonObject> actual)
    {
        static string Key(JsonObject o) => $"{o["kind"]}/{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]}";

        Assert.Equal(expected.Select(Key).Order(StringComparer.Ordinal), actual.Select(Key).Order(StringComparer.Ordinal));
        var byKey = actual.ToDictionary(Key);
        Assert.All(expected, o => Assert.True(JsonNode.DeepEquals(o, byKey[Key(o)]), $"{Key(o)} differs:\nexpected {o.ToJsonString()}\nactual   {byKey[Key(o)].ToJsonString()}"));
    }
}
