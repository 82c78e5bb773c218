using Microsoft.ML.OnnxRuntime.Tensors;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Tests.Fixtures;

namespace EnergyOperator.Runner.Tests.Models;

/// <summary>
/// A two-class ONNX classifier that takes BERT's inputs the way a real one does: word (+ token type) embeddings, masked mean
/// pooling, a dense layer to <c>logits</c>. Its weights make it checkable by hand over <c>bert-vocab.txt</c>: every token embeds
/// as [1, 0] except <see cref="TriggerWord"/> ([0, <see cref="TriggerWeight"/>]) and [PAD] ([100, 0], so unmasked padding would
/// swamp any text), and the dense layer is the identity. A text is class 1 when
/// <see cref="TriggerWeight"/> × (trigger words) &gt; (other tokens, [CLS] and [SEP] included).
/// </summary>
internal static class TinyBertModel
{
    public const string TriggerWord = "hello";
    public const float TriggerWeight = 8;
    public const string Output = "logits";
    public static readonly string VocabPath = TestFixtures.PathOf("bert-vocab.txt");

    private const int PaddingId = 0;
    private const int Dimensions = 2;

    /// <summary>The model's bytes.</summary>
    /// <param name="tokenTypes">Declare and use <c>token_type_ids</c>; type 1 would push every text to class 1.</param>
    /// <param name="fixedBatch">A fixed batch dimension instead of a symbolic one, as some exports have.</param>
    /// <param name="inputIdsName">Name of the token id input, to build a model that lacks <c>input_ids</c>.</param>
    public static byte[] Build(bool tokenTypes = true, long? fixedBatch = null, string inputIdsName = "input_ids")
    {
        var vocabulary = File.ReadAllLines(VocabPath);
        var words = new float[vocabulary.Length * Dimensions];
        for (var id = 0; id < vocabulary.Length; id++)
        {
            (words[id * Dimensions], words[id * Dimensions + 1]) = vocabulary[id] switch
            {
                TriggerWord => (0f, TriggerWeight),
                _ when id == PaddingId => (100f, 0f),
                _ => (1f, 0f),
            };
        }

        OnnxDimension batch = fixedBatch is { } size ? size : "batch";
        OnnxDimension sequence = "sequence";
        var builder = new OnnxGraphBuilder("tiny_bert")
            .AddInput(inputIdsName, TensorElementType.Int64, batch, sequence)
            .AddInput("attention_mask", TensorElementType.Int64, batch, sequence)
            .AddInitializer("word_embeddings", words, vocabulary.Length, Dimensions)
            .AddInitializer("dense_weight", [1f, 0f, 0f, 1f], Dimensions, 2)
            .AddInitializer("dense_bias", [0f, 0f], 2)
            .AddInitializer("last_axis", [-1L], 1)
            .AddInitializer("sequence_axis", [1L], 1)
            .AddNode("Gather", ["word_embeddings", inputIdsName], [tokenTypes ? "word_vectors" : "embedded"], OnnxAttribute.Int("axis", 0));
        if (tokenTypes)
        {
            builder
                .AddInput("token_type_ids", TensorElementType.Int64, batch, sequence)
                .AddInitializer("type_embeddings", [0f, 0f, 0f, 1000f], 2, Dimensions)
                .AddNode("Gather", ["type_embeddings", "token_type_ids"], ["type_vectors"], OnnxAttribute.Int("axis", 0))
                .AddNode("Add", ["word_vectors", "type_vectors"], ["embedded"]);
        }

        return builder
            .AddNode("Cast", ["attention_mask"], ["mask"], OnnxAttribute.Int("to", (long)TensorElementType.Float))
            .AddNode("Unsqueeze", ["mask", "last_axis"], ["mask_column"])
            .AddNode("Mul", ["embedded", "mask_column"], ["masked"])
            .AddNode("ReduceSum", ["masked", "sequence_axis"], ["summed"], OnnxAttribute.Int("keepdims", 0))
            .AddNode("ReduceSum", ["mask_column", "sequence_axis"], ["tokens"], OnnxAttribute.Int("keepdims", 0))
            .AddNode("Div", ["summed", "tokens"], ["pooled"])
            .AddNode("MatMul", ["pooled", "dense_weight"], ["projected"])
            .AddNode("Add", ["projected", "dense_bias"], [Output])
            .AddOutput(Output, TensorElementType.Float, batch, 2)
            .ToBytes();
    }

    /// <summary>Writes <see cref="Build"/>'s model into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, string name = "tiny-bert.onnx", bool tokenTypes = true, long? fixedBatch = null, string inputIdsName = "input_ids")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Build(tokenTypes, fixedBatch, inputIdsName));
        return path;
    }
}
