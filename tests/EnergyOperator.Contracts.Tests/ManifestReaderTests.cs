using EnergyOperator.Testing;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Contracts.Tests;

public sealed class ManifestReaderTests
{
    private const string Valid = """
        apiVersion: energy.energyoperator.io/v1alpha1
        kind: EnergyBenchmark
        metadata:
          name: spam
        spec:
          dataset:
            builtin: spam-assassin
          models:
            - name: lr
              classic:
                engine: onnxruntime
                hashBits: 16
          runtime:
            batchSizes: [1, 32]
            executionProvider: cuda
        """;

    [Fact]
    public void Read_ValidManifest_TypesPlainScalarsAndKeepsDefaults()
    {
        var benchmark = Assert.Single(ManifestReader.Read(Valid, "test.yaml"));

        Assert.Equal("spam", benchmark.Metadata.Name);
        Assert.Equal(BuiltinDatasets.SpamAssassin, benchmark.Spec.Dataset.Builtin);
        Assert.Equal(ModelEngine.OnnxRuntime, benchmark.Spec.Models[0].Classic!.Engine);
        Assert.Equal(16, benchmark.Spec.Models[0].Classic!.HashBits);
        Assert.Equal([1, 32], benchmark.Spec.Runtime.BatchSizes);
        Assert.Equal(ExecutionProvider.Cuda, benchmark.Spec.Runtime.ExecutionProvider);
        Assert.Equal(0.2, benchmark.Spec.Dataset.TestFraction);
        Assert.Equal([MeterKind.Auto], benchmark.Spec.Measurement.Meters);
    }

    [Fact]
    public void Read_ShippedExample_IsValid()
    {
        var path = Path.Combine(RepositoryPaths.Root, "examples", "spam-local.yaml");

        var benchmark = Assert.Single(ManifestReader.Read(File.ReadAllText(path), path));

        Assert.Equal(2, benchmark.Spec.Models.Count);
    }

    [Fact]
    public void Read_EmbeddingModels_BuiltinNeedsNoVocabularyAndTheCudaOptionsDefaultToDevice0WithoutTf32()
    {
        var text = Valid.Replace("""
                - name: lr
            """, """
                - name: minilm
                  embedding: { builtin: all-minilm-l6-v2, pooling: cls }
                - name: lr
            """);

        var benchmark = Assert.Single(ManifestReader.Read(text, "test.yaml"));

        var embedding = benchmark.Spec.Models[0].Embedding!;
        Assert.Equal((BuiltinModels.AllMiniLmL6V2, EmbeddingPooling.Cls, true, "last_hidden_state"), (embedding.Builtin, embedding.Pooling, embedding.Normalize, embedding.Output));
        Assert.Equal((0, false), (benchmark.Spec.Runtime.Cuda.DeviceId, benchmark.Spec.Runtime.Cuda.Tf32));
    }

    [Fact]
    public void Read_EmbeddingModelByPathWithoutVocabulary_NamesTheVocabField()
    {
        var text = Valid.Replace("""
                - name: lr
            """, """
                - name: mine
                  embedding: { path: /models/encoder.onnx }
                - name: lr
            """);

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.EndsWith("spec.models[0].embedding.tokenizer.vocab", problem.Field);
    }

    [Fact]
    public void Read_EmbeddingModelWithBuiltinAndPath_SaysToChooseOne()
    {
        var text = Valid.Replace("""
                - name: lr
            """, """
                - name: both
                  embedding: { builtin: all-minilm-l6-v2, path: /models/encoder.onnx }
                - name: lr
            """);

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        Assert.Contains(error.Problems, p => p.Field.Contains("spec.models[0].embedding", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_UnknownField_NamesFieldAndLine()
    {
        var text = Valid.Replace("  runtime:", "  runtim:");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("spec.runtim", problem.Field);
        Assert.Contains("unknown field", problem.Message);
        Assert.StartsWith("line 14", problem.Field);
    }

    [Fact]
    public void Read_BadEnumValue_ListsAllowedValues()
    {
        var text = Valid.Replace("executionProvider: cuda", "executionProvider: tpu");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("spec.runtime.executionProvider", problem.Field);
        Assert.Equal("must be one of: cpu, cuda", problem.Message);
    }

    [Fact]
    public void Read_WrongScalarType_SaysWhatIsExpected()
    {
        var text = Valid.Replace("[1, 32]", "[1, big]");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        Assert.Contains(error.Problems, p => p.Field.Contains("spec.runtime.batchSizes[1]") && p.Message == "must be a whole number");
    }

    [Fact]
    public void Read_ValidationProblems_AreAllReportedWithPaths()
    {
        var text = Valid
            .Replace("hashBits: 16", "hashBits: 40")
            .Replace("builtin: spam-assassin", "builtin: imdb")
            .Replace("[1, 32]", "[0, 32, 32]");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.models[0].classic.hashBits") && p.Message.Contains("between 10 and 24 (got 40)"));
        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.dataset.builtin") && p.Message.Contains("'imdb' is not one of: spam-assassin"));
        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.runtime.batchSizes[0]"));
        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.runtime.batchSizes") && p.Message.Contains("unique"));
    }

    [Fact]
    public void Read_UnionWithBothMembers_AsksForOnlyOne()
    {
        var text = Valid.Replace("hashBits: 16", "hashBits: 16\n      onnx:\n        path: m.onnx\n        tokenizer:\n          vocab: v.txt");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        Assert.True(error.Problems.Any(p => p.Field.EndsWith("spec.models[0]") && p.Message.Contains("set only one of classic, onnx, embedding, generative or server")), error.Message);
    }

    [Fact]
    public void Read_DatasetWithoutSource_AsksForOne()
    {
        var text = Valid.Replace("    builtin: spam-assassin\n", "    seed: 7\n");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "test.yaml"));

        Assert.Contains(error.Problems, p => p.Field.EndsWith("spec.dataset") && p.Message == "set one of builtin or file");
    }

    [Fact]
    public void Read_NotAnEnergyBenchmark_IsRejected()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read("apiVersion: v1\nkind: Pod\n", "pod.yaml"));

        Assert.Contains("expected EnergyBenchmark (got 'Pod')", error.Message);
    }

    [Fact]
    public void Read_BrokenYaml_NamesTheLine()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read("kind: [unclosed\n", "bad.yaml"));

        Assert.Contains("not valid YAML", error.Message);
        Assert.Contains("bad.yaml", error.Message);
    }

    [Fact]
    public async Task ReadFileAsync_MissingFile_SaysHowToFixIt()
    {
        var error = await Assert.ThrowsAsync<ManifestException>(() => ManifestReader.ReadFileAsync("/nonexistent/x.yaml", CancellationToken.None));

        Assert.Contains("not found", error.Message);
    }
}
