using EnergyOperator.Runner.Data;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Onnx.Export;

/// <summary>
/// Builds a GPT-2-shaped decoder with random weights and a KV cache, in the layout transformers' ONNX exports have and the
/// generative engine reads: inputs <c>input_ids</c>, <c>attention_mask</c> (past and new positions), <c>position_ids</c>,
/// <c>past_key_values.N.key/value</c> [batch, heads, past, head size]; outputs <c>logits</c> of the last position
/// [batch, 1, vocabulary] and <c>present.N.key/value</c>. Energy depends on shapes, not weights: such a model is for energy
/// grids only and predicts nothing.
/// </summary>
public static class RandomDecoderExport
{
    private const float InitScale = 0.02f;

    public static byte[] Build(DecoderArchitecture architecture)
    {
        if (architecture.FindProblem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(architecture));
        }

        var random = new SplitMix64(architecture.Seed);
        var d = architecture.HiddenSize;
        var embeddings = Random(random, architecture.Vocabulary * d);
        OnnxDimension batch = "batch", sequence = "sequence", total = "total_sequence", past = "past_sequence";
        var builder = new OnnxGraphBuilder("random_decoder")
            .AddInput("input_ids", TensorElementType.Int64, batch, sequence)
            .AddInput("attention_mask", TensorElementType.Int64, batch, total)
            .AddInput("position_ids", TensorElementType.Int64, batch, sequence)
            .AddOutput("logits", TensorElementType.Float, batch, 1, architecture.Vocabulary)
            .AddMetadata("randomWeights", "true")
            .AddInitializer("one", [1L])
            .AddInitializer("zero", [0L])
            .AddInitializer("sequence_index", [1L])
            .AddInitializer("allowed_bias", [0f])
            .AddInitializer("masked_bias", [-1e9f])
            .AddInitializer("attention_scale", [1f / MathF.Sqrt(architecture.HeadSize)])
            .AddInitializer("half", [0.5f])
            .AddInitializer("one_float", [1f])
            .AddInitializer("inverse_sqrt2", [1f / MathF.Sqrt(2f)])
            .AddInitializer("head_shape", [0L, 0, architecture.Heads, architecture.HeadSize], 4)
            .AddInitializer("hidden_shape", [0L, 0, d], 3)
            .AddInitializer("qkv_split", [(long)d, d, d], 3)
            .AddInitializer("last_start", [-1L], 1)
            .AddInitializer("last_end", [long.MaxValue], 1)
            .AddInitializer("axis_0", [0L], 1)
            .AddInitializer("axis_1", [1L], 1)
            .AddInitializer("axes_1_2", [1L, 2], 2)
            .AddInitializer("wte", embeddings, architecture.Vocabulary, d)
            .AddInitializer("wpe", Random(random, architecture.MaxPositions * d), architecture.MaxPositions, d);

        AddAttentionBias(builder);
        builder
            .AddNode("Gather", ["wte", "input_ids"], ["token_vectors"], OnnxAttribute.Int("axis", 0))
            .AddNode("Gather", ["wpe", "position_ids"], ["position_vectors"], OnnxAttribute.Int("axis", 0))
            .AddNode("Add", ["token_vectors", "position_vectors"], ["hidden_0"]);

        for (var layer = 0; layer < architecture.Layers; layer++)
        {
            AddBlock(builder, architecture, random, layer, past);
        }

        var hidden = $"hidden_{architecture.Layers}";
        AddLayerNorm(builder, d, hidden, "final_norm");
        return builder
            .AddNode("Slice", ["final_norm", "last_start", "last_end", "axis_1"], ["last_hidden"])
            .AddInitializer("lm_head", Transposed(embeddings, architecture.Vocabulary, d), d, architecture.Vocabulary)
            .AddNode("MatMul", ["last_hidden", "lm_head"], ["logits"])
            .ToBytes();
    }

    /// <summary>
    /// attention_bias [batch, 1, sequence, total]: 0 where a new token may attend (causal, over positions the mask keeps), −1e9
    /// elsewhere. The new tokens sit at positions total − sequence … total − 1.
    /// </summary>
    private static void AddAttentionBias(OnnxGraphBuilder builder) => builder
        .AddNode("Shape", ["input_ids"], ["ids_shape"])
        .AddNode("Gather", ["ids_shape", "sequence_index"], ["new_length"], OnnxAttribute.Int("axis", 0))
        .AddNode("Shape", ["attention_mask"], ["mask_shape"])
        .AddNode("Gather", ["mask_shape", "sequence_index"], ["total_length"], OnnxAttribute.Int("axis", 0))
        .AddNode("Sub", ["total_length", "new_length"], ["past_length"])
        .AddNode("Range", ["past_length", "total_length", "one"], ["query_positions"])
        .AddNode("Range", ["zero", "total_length", "one"], ["key_positions"])
        .AddNode("Unsqueeze", ["query_positions", "axis_1"], ["query_column"])
        .AddNode("Unsqueeze", ["key_positions", "axis_0"], ["key_row"])
        .AddNode("LessOrEqual", ["key_row", "query_column"], ["causal"])
        .AddNode("Cast", ["attention_mask"], ["kept"], OnnxAttribute.Int("to", (long)TensorElementType.Bool))
        .AddNode("Unsqueeze", ["kept", "axes_1_2"], ["kept_4d"])
        .AddNode("And", ["causal", "kept_4d"], ["allowed"])
        .AddNode("Where", ["allowed", "allowed_bias", "masked_bias"], ["attention_bias"]);

    private static void AddBlock(OnnxGraphBuilder builder, DecoderArchitecture architecture, SplitMix64 random, int layer, OnnxDimension past)
    {
        var d = architecture.HiddenSize;
        var p = $"l{layer}_";
        var input = $"hidden_{layer}";
        OnnxDimension batch = "batch", total = "total_sequence";
        var pastKey = $"past_key_values.{layer}.key";
        var pastValue = $"past_key_values.{layer}.value";
        var presentKey = $"present.{layer}.key";
        var presentValue = $"present.{layer}.value";
        builder
            .AddInput(pastKey, TensorElementType.Float, batch, architecture.Heads, past, architecture.HeadSize)
            .AddInput(pastValue, TensorElementType.Float, batch, architecture.Heads, past, architecture.HeadSize)
            .AddOutput(presentKey, TensorElementType.Float, batch, architecture.Heads, total, architecture.HeadSize)
            .AddOutput(presentValue, TensorElementType.Float, batch, architecture.Heads, total, architecture.HeadSize);

        AddLayerNorm(builder, d, input, p + "attn_in");
        AddLinear(builder, random, p + "qkv", p + "attn_in", d, 3 * d);
        builder.AddNode("Split", [p + "qkv", "qkv_split"], [p + "q", p + "k", p + "v"], OnnxAttribute.Int("axis", 2));
        foreach (var part in new[] { "q", "k", "v" })
        {
            builder
                .AddNode("Reshape", [p + part, "head_shape"], [p + part + "_heads"])
                .AddNode("Transpose", [p + part + "_heads"], [p + part + "_t"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        }

        builder
            .AddNode("Concat", [pastKey, p + "k_t"], [presentKey], OnnxAttribute.Int("axis", 2))
            .AddNode("Concat", [pastValue, p + "v_t"], [presentValue], OnnxAttribute.Int("axis", 2))
            .AddNode("Transpose", [presentKey], [p + "keys_t"], OnnxAttribute.Ints("perm", 0, 1, 3, 2))
            .AddNode("MatMul", [p + "q_t", p + "keys_t"], [p + "scores_raw"])
            .AddNode("Mul", [p + "scores_raw", "attention_scale"], [p + "scores_scaled"])
            .AddNode("Add", [p + "scores_scaled", "attention_bias"], [p + "scores"])
            .AddNode("Softmax", [p + "scores"], [p + "weights"], OnnxAttribute.Int("axis", -1))
            .AddNode("MatMul", [p + "weights", presentValue], [p + "context_heads"])
            .AddNode("Transpose", [p + "context_heads"], [p + "context_t"], OnnxAttribute.Ints("perm", 0, 2, 1, 3))
            .AddNode("Reshape", [p + "context_t", "hidden_shape"], [p + "context"]);
        AddLinear(builder, random, p + "attn_out", p + "context", d, d);
        builder.AddNode("Add", [input, p + "attn_out"], [p + "residual"]);

        AddLayerNorm(builder, d, p + "residual", p + "mlp_in");
        AddLinear(builder, random, p + "up", p + "mlp_in", d, 4 * d);
        builder
            .AddNode("Mul", [p + "up", "inverse_sqrt2"], [p + "up_scaled"])
            .AddNode("Erf", [p + "up_scaled"], [p + "erf"])
            .AddNode("Add", [p + "erf", "one_float"], [p + "erf_plus_one"])
            .AddNode("Mul", [p + "up", p + "erf_plus_one"], [p + "gelu_double"])
            .AddNode("Mul", [p + "gelu_double", "half"], [p + "gelu"]);
        AddLinear(builder, random, p + "down", p + "gelu", 4 * d, d);
        builder.AddNode("Add", [p + "residual", p + "down"], [$"hidden_{layer + 1}"]);
    }

    private static void AddLayerNorm(OnnxGraphBuilder builder, int width, string input, string output) => builder
        .AddInitializer(output + "_gamma", Enumerable.Repeat(1f, width).ToArray(), width)
        .AddInitializer(output + "_beta", new float[width], width)
        .AddNode("LayerNormalization", [input, output + "_gamma", output + "_beta"], [output], OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", 1e-5f));

    private static void AddLinear(OnnxGraphBuilder builder, SplitMix64 random, string output, string input, int inputs, int outputs) => builder
        .AddInitializer(output + "_weight", Random(random, inputs * outputs), inputs, outputs)
        .AddInitializer(output + "_bias", new float[outputs], outputs)
        .AddNode("MatMul", [input, output + "_weight"], [output + "_product"])
        .AddNode("Add", [output + "_product", output + "_bias"], [output]);

    /// <summary>The LM head is tied to the token embeddings, as GPT-2's is: the same values, [hidden, vocabulary].</summary>
    private static float[] Transposed(float[] values, int rows, int columns)
    {
        var transposed = new float[values.Length];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                transposed[(column * rows) + row] = values[(row * columns) + column];
            }
        }

        return transposed;
    }

    /// <summary>Uniform in ±0.02·√3: the standard deviation of GPT-2's initialisation.</summary>
    private static float[] Random(SplitMix64 random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(((random.Next() >> 11) * (1.0 / (1UL << 53)) * 2) - 1) * InitScale * MathF.Sqrt(3f);
        }

        return values;
    }
}
