using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Tests.Models;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>Every bad ONNX model input is a <see cref="BenchmarkInputException"/> naming the manifest field to fix.</summary>
public sealed class ModelPreparerTests : IDisposable
{
    private readonly PreparerHarness _harness = new();

    [Fact]
    public async Task MissingOnnxFile_NamesThePathField()
    {
        var missing = Path.Combine(_harness.Root, "nowhere.onnx");

        var error = await PrepareFailsAsync(TransformerClassifierTests.Spec(missing));

        Assert.Equal("spec.models[0].onnx.path", error.Field);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task CorruptOnnxFile_NamesThePathField()
    {
        var corrupt = Path.Combine(_harness.Root, "corrupt.onnx");
        File.WriteAllBytes(corrupt, [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 + 11))]);

        var error = await PrepareFailsAsync(TransformerClassifierTests.Spec(corrupt));

        Assert.Equal("spec.models[0].onnx.path", error.Field);
        Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(error.InnerException);
    }

    [Fact]
    public async Task ModelWithoutInputIds_NamesThePathFieldAndTheMissingInput()
    {
        var path = TinyBertModel.Write(_harness.Root, inputIdsName: "token_ids");

        var error = await PrepareFailsAsync(TransformerClassifierTests.Spec(path));

        Assert.Equal("spec.models[0].onnx.path", error.Field);
        Assert.Contains("token_ids", error.Message);
        Assert.Contains("needs input_ids", error.Message);
    }

    [Fact]
    public async Task OutputTheModelDoesNotHave_NamesTheOutputFieldAndListsTheOutputs()
    {
        var spec = TransformerClassifierTests.Spec(TinyBertModel.Write(_harness.Root)) with { Output = "scores" };

        var error = await PrepareFailsAsync(spec);

        Assert.Equal("spec.models[0].onnx.output", error.Field);
        Assert.Contains("'scores'", error.Message);
        Assert.Contains("outputs: logits", error.Message);
    }

    [Theory]
    [InlineData("{\"randomWeights\": true, \"weights\": \"random (seed 0)\"}", false, true)]
    [InlineData("{\"randomWeights\": false}", false, false)]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    public async Task RandomWeights_FromProvenanceBesideTheModelOrTheManifest_MakeTheModelEnergyOnly(string? provenance, bool declared, bool energyOnly)
    {
        var model = TinyBertModel.Write(_harness.Root);
        if (provenance is not null)
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(model)!, "provenance.json"), provenance);
        }

        using var prepared = await _harness.PrepareAsync(TransformerClassifierTests.Spec(model) with { EnergyOnly = declared });

        Assert.Equal(energyOnly, prepared.EnergyOnly);
    }

    [Fact]
    public async Task ProvenanceThatIsNotJson_NamesThePathField()
    {
        var model = TinyBertModel.Write(_harness.Root);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(model)!, "provenance.json"), "random weights, trust me");

        var error = await PrepareFailsAsync(TransformerClassifierTests.Spec(model));

        Assert.Equal("spec.models[0].onnx.path", error.Field);
        Assert.Contains("provenance.json", error.Message);
    }

    [Fact]
    public async Task MissingVocabFile_NamesTheTokenizerVocabField()
    {
        var missing = Path.Combine(_harness.Root, "vocab.txt");
        var spec = TransformerClassifierTests.Spec(TinyBertModel.Write(_harness.Root)) with { Tokenizer = new TokenizerSpec { Vocab = missing } };

        var error = await PrepareFailsAsync(spec);

        Assert.Equal("spec.models[0].onnx.tokenizer.vocab", error.Field);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task ModelLabelNotInTheDataset_NamesTheLabelsField()
    {
        var spec = TransformerClassifierTests.Spec(TinyBertModel.Write(_harness.Root)) with { Labels = ["ham", "junk"] };

        var error = await PrepareFailsAsync(spec);

        Assert.Equal("spec.models[0].onnx.labels", error.Field);
        Assert.Contains("'junk'", error.Message);
    }

    [Fact]
    public async Task MoreLabelsThanTheModelHasLogits_NamesTheLabelsField()
    {
        var spec = TransformerClassifierTests.Spec(TinyBertModel.Write(_harness.Root)) with { Labels = ["ham", "spam", "ham"] };

        var error = await PrepareFailsAsync(spec);

        Assert.Equal("spec.models[0].onnx.labels", error.Field);
        Assert.Contains("2 logits but 3 labels", error.Message);
    }

    [Fact]
    public async Task CudaOnTheCpuBuildOfOnnxRuntime_NamesTheExecutionProviderAndHowToPointAtAGpuBuild()
    {
        // The tests load the CPU build scripts/bootstrap.sh fetches (no CUDA provider beside it).
        var spec = TransformerClassifierTests.Spec(TinyBertModel.Write(_harness.Root));

        var error = await Assert.ThrowsAsync<BenchmarkInputException>(() => _harness.PrepareAsync(spec, ExecutionProvider.Cuda));

        Assert.Equal("spec.runtime.executionProvider", error.Field);
        Assert.Contains(OnnxRuntimeLibrary.EnvironmentVariable, error.Message);
        Assert.Contains("OnnxRuntimeFlavor=cuda", error.Message);
        Assert.Contains("GPU build", error.Message);
    }

    public void Dispose() => _harness.Dispose();

    private Task<BenchmarkInputException> PrepareFailsAsync(OnnxModelSpec spec) =>
        Assert.ThrowsAsync<BenchmarkInputException>(() => _harness.PrepareAsync(spec));
}
