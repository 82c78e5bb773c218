using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// Greedy choice over one position's logits: the first index of the largest value, as torch.argmax breaks ties. Vectorised:
/// at batch 32 a step reads 1.6 million logits, and a scalar loop over them was a large share of a step on a GPU.
/// </summary>
internal static class LogitsArgmax
{
    public static int Of(ReadOnlySpan<float> logits) => TensorPrimitives.IndexOfMax(logits);

    /// <param name="scratch">At least as long as <paramref name="logits"/>: they are widened into it.</param>
    public static int Of(ReadOnlySpan<Float16> logits, Span<float> scratch)
    {
        // ONNX Runtime's Float16 is IEEE binary16, as Half is.
        var widened = scratch[..logits.Length];
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<Float16, Half>(logits), widened);
        return TensorPrimitives.IndexOfMax(widened);
    }
}
