using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Bench;

/// <summary>The models both benchmarks run, written once with our ONNX writer so that both load the same bytes.</summary>
internal static class BenchModels
{
    public const string MlpFile = "mlp.onnx";
    public const string LinearTextFile = "linear-text.onnx";

    /// <summary>Writes an MLP over a dense input [N, inputWidth] → 1024 → 1024 → 2 (MatMul, Add, Relu) and the linear text model.</summary>
    public static void Write(string directory, int inputWidth, int featureCount)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(20240601);
        File.WriteAllBytes(Path.Combine(directory, MlpFile), Mlp(random, inputWidth, hidden: 1024, classes: 2));
        File.WriteAllBytes(Path.Combine(directory, LinearTextFile), LinearTextModelExport.Build(
            featureCount, 2, Uniform(random, featureCount * 2, 0.1f), Uniform(random, 2, 0.1f), ["ham", "spam"]));
    }

    private static byte[] Mlp(Random random, int inputWidth, int hidden, int classes)
    {
        var builder = new OnnxGraphBuilder("mlp").AddInput(BenchInputs.DenseInput, OrtElementType.Float, "batch", inputWidth);
        var previous = BenchInputs.DenseInput;
        var layers = new[] { (inputWidth, hidden), (hidden, hidden), (hidden, classes) };
        for (var layer = 0; layer < layers.Length; layer++)
        {
            var (fanIn, fanOut) = layers[layer];
            var isLast = layer == layers.Length - 1;
            builder
                .AddInitializer($"w{layer}", Uniform(random, fanIn * fanOut, 1 / MathF.Sqrt(fanIn)), fanIn, fanOut)
                .AddInitializer($"b{layer}", Uniform(random, fanOut, 0.01f), fanOut)
                .AddNode("MatMul", [previous, $"w{layer}"], [$"mm{layer}"])
                .AddNode("Add", [$"mm{layer}", $"b{layer}"], [isLast ? "logits" : $"pre{layer}"]);
            if (!isLast)
            {
                builder.AddNode("Relu", [$"pre{layer}"], [$"act{layer}"]);
                previous = $"act{layer}";
            }
        }

        return builder.AddOutput("logits", OrtElementType.Float, "batch", classes).ToBytes();
    }

    private static float[] Uniform(Random random, int count, float scale) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
}
