using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Testing.Schema;

namespace EnergyOperator.Contracts.Tests.Schema;

public sealed class ExampleManifestTests
{
    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(Path.Combine(Crd.RepositoryRoot, "examples"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_IsAcceptedByTheCrdSchemaAndByEnergyctl(string fileName)
    {
        var path = Path.Combine(Crd.RepositoryRoot, "examples", fileName);
        var text = File.ReadAllText(path);

        foreach (var document in Crd.ParseYaml(text).Where(d => d is not null))
        {
            Assert.Empty(SchemaValidator.Validate(document, Crd.OpenApiSchema));
        }

        Assert.NotEmpty(ManifestReader.Read(text, path));
    }

    [Fact]
    public void Validate_BrokenManifest_ReportsEveryConstraintItBreaks()
    {
        var manifest = Assert.Single(Crd.ParseYaml("""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata:
              name: broken
            spec:
              dataset:
                builtin: spam-assassin
                file: {path: /data/x.jsonl}
                testFraction: 0.99
              models:
                - name: Not_A_Label
                  classic: {hashBits: 30, engine: tensorflow}
                - name: two
              runtime:
                batchSizes: []
                executionProvider: tpu
                threads: "4"
              paralelism: 2
            """));

        var problems = SchemaValidator.Validate(manifest, Crd.OpenApiSchema);

        Assert.Equal(
            [
                ".spec.dataset.testFraction: 0.99 is above the maximum 0.95",
                ".spec.dataset: set exactly one of builtin or file",
                ".spec.models[0].name: 'Not_A_Label' does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                ".spec.models[0].classic.hashBits: 30 is above the maximum 24",
                ".spec.models[0].classic.engine: \"tensorflow\" is not one of [\"native\",\"onnxruntime\"]",
                ".spec.models[1]: set exactly one of classic, onnx, embedding, generative or server",
                ".spec.runtime.batchSizes: needs at least 1 item(s) (got 0)",
                ".spec.runtime.executionProvider: \"tpu\" is not one of [\"cpu\",\"cuda\"]",
                ".spec.runtime.threads: must be integer (got string)",
                ".spec.paralelism: unknown field",
            ],
            problems);
    }
}
