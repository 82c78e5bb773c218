using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Tests.Onnx;

/// <summary>A small exported linear text model with random weights, and the hand computation it must match.</summary>
internal sealed class LinearTextModel
{
    public const int FeatureCount = 50;
    public const int ClassCount = 3;
    public static readonly string[] Labels = ["ham", "spam, obviously", "unsure"];

    public LinearTextModel(int seed = 7)
    {
        var random = new Random(seed);
        Weights = Enumerable.Range(0, FeatureCount * ClassCount).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        Bias = Enumerable.Range(0, ClassCount).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        Bytes = LinearTextModelExport.Build(FeatureCount, ClassCount, Weights, Bias, Labels);
    }

    public float[] Weights { get; }

    public float[] Bias { get; }

    public byte[] Bytes { get; }

    /// <summary>logits[n, c] = Σ_k values[n, k] · W[indices[n, k], c] + bias[c], then a softmax per row.</summary>
    public (double[] Logits, double[] Probabilities) Compute(long[] indices, float[] values, int batch, int width)
    {
        var logits = new double[batch * ClassCount];
        var probabilities = new double[batch * ClassCount];
        for (var n = 0; n < batch; n++)
        {
            for (var c = 0; c < ClassCount; c++)
            {
                double sum = Bias[c];
                for (var k = 0; k < width; k++)
                {
                    sum += values[n * width + k] * (double)Weights[indices[n * width + k] * ClassCount + c];
                }
                logits[n * ClassCount + c] = sum;
            }

            var row = logits.AsSpan(n * ClassCount, ClassCount);
            var max = row.ToArray().Max();
            var total = row.ToArray().Sum(l => Math.Exp(l - max));
            for (var c = 0; c < ClassCount; c++)
            {
                probabilities[n * ClassCount + c] = Math.Exp(row[c] - max) / total;
            }
        }
        return (logits, probabilities);
    }
}
