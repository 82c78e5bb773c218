using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Models.Embedding;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Tests.Fixtures;
using EnergyOperator.Runner.Tests.Onnx;
using EnergyOperator.Runner.Text;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Tests.Models.Embedding;

/// <summary>Pooling checked by hand on an encoder whose token states are [id, 1] (ids of Fixtures/bert-vocab.txt).</summary>
public sealed class SentenceEncoderTests
{
    private const float Cls = 2, Sep = 3, Hello = 16, World = 17;

    [Fact]
    public async Task Embed_MeanPooling_AveragesOnlyTheUnmaskedTokens()
    {
        using var encoder = await CreateAsync(EmbeddingPooling.Mean, normalize: false);
        var embeddings = new float[4];

        // The second text is longer: the first row is padded, and its padding must not count.
        encoder.Embed(["hello", "hello world world"], embeddings);

        Assert.Equal([(Cls + Hello + Sep) / 3, 1f], embeddings[..2]);
        Assert.Equal([(Cls + Hello + 2 * World + Sep) / 5, 1f], embeddings[2..]);
    }

    [Fact]
    public async Task Embed_ClsPooling_TakesTheFirstToken()
    {
        using var encoder = await CreateAsync(EmbeddingPooling.Cls, normalize: false);
        var embeddings = new float[2];

        encoder.Embed(["world"], embeddings);

        Assert.Equal([Cls, 1f], embeddings);
    }

    [Fact]
    public async Task Embed_Normalized_GivesUnitLengthEmbeddings()
    {
        using var encoder = await CreateAsync(EmbeddingPooling.Mean, normalize: true);
        var embeddings = new float[2];

        encoder.Embed(["hello world"], embeddings);

        var mean = (Cls + Hello + World + Sep) / 4;
        var norm = MathF.Sqrt(mean * mean + 1);
        Assert.Equal(mean / norm, embeddings[0], 5);
        Assert.Equal(1 / norm, embeddings[1], 5);
    }

    private static async Task<SentenceEncoder> CreateAsync(EmbeddingPooling pooling, bool normalize)
    {
        var vocabulary = File.ReadAllLines(TestFixtures.PathOf("bert-vocab.txt"));
        var states = new float[vocabulary.Length * 2];
        for (var id = 0; id < vocabulary.Length; id++)
        {
            (states[id * 2], states[id * 2 + 1]) = (id, 1);
        }

        var model = new OnnxGraphBuilder("token_states")
            .AddInput("input_ids", TensorElementType.Int64, "batch", "sequence")
            .AddInput("attention_mask", TensorElementType.Int64, "batch", "sequence")
            .AddInitializer("table", states, vocabulary.Length, 2)
            .AddNode("Gather", ["table", "input_ids"], ["last_hidden_state"], OnnxAttribute.Int("axis", 0))
            .AddOutput("last_hidden_state", TensorElementType.Float, "batch", "sequence", 2)
            .ToBytes();
        var tokenizer = await BertBatchEncoder.CreateAsync(new WordPieceOptions { VocabPath = TestFixtures.PathOf("bert-vocab.txt"), MaxLength = 16 });
        return new SentenceEncoder(tokenizer, OnnxTestSessions.Bind(model), "last_hidden_state", 2, pooling, normalize);
    }
}
