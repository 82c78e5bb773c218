using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// The inputs and outputs of a decoder with a KV cache as transformers' ONNX exports name them: <c>input_ids</c>,
/// <c>attention_mask</c>, optional <c>position_ids</c> and <c>past_key_values.N.key/value</c> in; <c>logits</c> and
/// <c>present.N.key/value</c> out, the cache as [batch, key-value heads, positions, head size].
/// </summary>
internal sealed record DecoderLayout(int Layers, int KeyValueHeads, int HeadSize, TensorElementType CacheType, TensorElementType LogitsType, int VocabularySize, bool HasPositionIds)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string Logits = "logits";

    public static string PastKey(int layer) => $"past_key_values.{layer}.key";
    public static string PastValue(int layer) => $"past_key_values.{layer}.value";
    public static string PresentKey(int layer) => $"present.{layer}.key";
    public static string PresentValue(int layer) => $"present.{layer}.value";

    public int CacheElementBytes => CacheType == TensorElementType.Float ? 4 : 2;

    /// <exception cref="InvalidDataException">The model lacks an input or output the engine needs, or has it in another shape.</exception>
    public static DecoderLayout Of(InferenceSession session, string modelName)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        foreach (var name in new[] { InputIds, AttentionMask })
        {
            if (!inputs.TryGetValue(name, out var input) || input.ElementDataType != TensorElementType.Int64)
            {
                throw new InvalidDataException($"Model '{modelName}' needs an int64 input '{name}' [batch, sequence], as transformers' ONNX export of a decoder with past key values has.");
            }
        }

        if (!outputs.TryGetValue(Logits, out var logits) || logits.Dimensions.Length != 3 || logits.Dimensions[2] <= 0)
        {
            throw new InvalidDataException($"Model '{modelName}' needs an output '{Logits}' [batch, sequence, vocabulary] with a fixed vocabulary.");
        }

        var layers = 0;
        while (inputs.ContainsKey(PastKey(layers)))
        {
            layers++;
        }

        if (layers == 0 || !inputs.TryGetValue(PastKey(0), out var past) || past.Dimensions is not [_, > 0, _, > 0])
        {
            throw new InvalidDataException(
                $"Model '{modelName}' has no KV cache: it needs inputs past_key_values.N.key/value [batch, heads, past, head size] with fixed heads and head size (export it with use_cache, scripts/models/export_decoder.py).");
        }

        for (var layer = 0; layer < layers; layer++)
        {
            if (!inputs.ContainsKey(PastValue(layer)))
            {
                throw new InvalidDataException($"Model '{modelName}' has {PastKey(layer)} but no input '{PastValue(layer)}'.");
            }

            foreach (var name in new[] { PresentKey(layer), PresentValue(layer) })
            {
                if (!outputs.ContainsKey(name))
                {
                    throw new InvalidDataException($"Model '{modelName}' has {PastKey(layer)} but no output '{name}' to carry the cache to the next step.");
                }
            }
        }

        if (past.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16)
            || logits.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new InvalidDataException($"Model '{modelName}' has a {past.ElementDataType} cache and {logits.ElementDataType} logits; the engine reads float or float16.");
        }

        return new DecoderLayout(layers, past.Dimensions[1], past.Dimensions[3], past.ElementDataType, logits.ElementDataType, logits.Dimensions[2], inputs.ContainsKey(PositionIds));
    }
}
