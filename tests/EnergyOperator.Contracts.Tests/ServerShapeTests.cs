using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Contracts.Tests;

public sealed class ServerShapeTests
{
    [Fact]
    public void Read_ServedGridWithAShape_GivesTheDecoderShape()
    {
        var benchmark = Assert.Single(ManifestReader.Read(Manifest("shape: { parameters: 124439808, layers: 12, hiddenSize: 768 }"), "b.yaml"));

        Assert.Equal(new DecoderShape(124_439_808, 12, 768), benchmark.Spec.Models[0].Server!.Shape);
    }

    [Theory]
    [InlineData("shape: { parameters: 0, layers: 12, hiddenSize: 768 }", "spec.models[0].server.shape.parameters", "got 0")]
    [InlineData("shape: { parameters: 2000000000000000, layers: 12, hiddenSize: 768 }", "spec.models[0].server.shape.parameters", "between 1 and")]
    [InlineData("shape: { parameters: 1000, layers: -1, hiddenSize: 768 }", "spec.models[0].server.shape.layers", "got -1")]
    [InlineData("shape: { parameters: 1000, layers: 12 }", "spec.models[0].server.shape.hiddenSize", "got 0")]
    public void Read_ShapeOutOfRangeOrIncomplete_NamesTheField(string shape, string field, string problem)
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(Manifest(shape), "b.yaml"));

        Assert.Contains(error.Problems, p => p.Field.EndsWith(field, StringComparison.Ordinal) && p.Message.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ShapeOnAZeroShotModel_IsRefusedAsGridOnly()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read("""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata: { name: b }
            spec:
              dataset: { builtin: spam-assassin }
              models:
                - name: zs
                  server:
                    url: http://127.0.0.1:8000
                    model: m
                    zeroShot: { promptTemplate: "{text}" }
                    shape: { parameters: 1000, layers: 2, hiddenSize: 16 }
            """, "b.yaml"));

        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.models[0].server.shape", StringComparison.Ordinal) && p.Message.Contains("grid only", StringComparison.Ordinal));
    }

    private static string Manifest(string shape) => $$"""
        apiVersion: energy.energyoperator.io/v1alpha1
        kind: EnergyBenchmark
        metadata: { name: b }
        spec:
          dataset: { builtin: spam-assassin }
          models:
            - name: grid
              server:
                url: http://127.0.0.1:8000
                model: m
                {{shape}}
          workload: { inputTokens: [8], outputTokens: [4] }
        """;
}
