using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Schema;
using EnergyOperator.Testing.Schema;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Examples;

public sealed class ExampleTests
{
    private static readonly JsonObject CrdSchema =
        YamlValues.ToJson(YamlValues.Parse(File.ReadAllText(Repository.PathOf($"crds/{CrdFiles.FileName}")), CrdFiles.FileName))!
            ["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(Repository.PathOf("examples"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_IsAcceptedByTheCrdSchemaAndByTheManifestReader(string fileName)
    {
        var path = Repository.PathOf($"examples/{fileName}");
        var text = File.ReadAllText(path);

        foreach (var document in YamlValues.ParseDocuments(text, path).Where(d => d is not null))
        {
            Assert.Empty(SchemaValidator.Validate(YamlValues.ToJson(document), CrdSchema));
        }

        Assert.NotEmpty(ManifestReader.Read(text, path));
    }

    [Fact]
    public void GpuSweep_RunsCudaOnEveryGpuPool()
    {
        var sweep = Assert.Single(ManifestReader.Read(File.ReadAllText(Repository.PathOf("examples/gpu-sweep.yaml")), "gpu-sweep.yaml"));

        Assert.Equal(2, sweep.Spec.Hardware.Count);
        Assert.All(sweep.Spec.Hardware, target =>
        {
            Assert.True(target.Gpus > 0, $"{target.Name} requests no GPU");
            Assert.Equal(ExecutionProvider.Cuda, target.ExecutionProvider);
            Assert.NotEmpty(target.NodeSelector!);
            Assert.Contains(target.Tolerations!, t => t.Key == "nvidia.com/gpu");
        });
        Assert.Equal(3, sweep.Spec.Runtime.BatchSizes.Count);
        Assert.Equal(3, sweep.Spec.Runtime.Repetitions);
        Assert.Equal(10, sweep.Spec.Measurement.IdleBaselineSeconds);
        Assert.Contains(sweep.Spec.Models, m => m.Classic is not null);
        Assert.Contains(sweep.Spec.Models, m => m.Onnx is not null);
    }
}
