using Microsoft.ML.OnnxRuntime.Tensors;
using EnergyOperator.Runner.Onnx;
using Microsoft.ML.OnnxRuntime;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void IntsAndFloatAttributesAndFixedDimensions_ReachOnnxRuntimeIntact()
    {
        // Transpose takes an ints attribute, LeakyRelu a float one: y = leaky_relu(transpose(x, [1, 0]), alpha = 0.25).
        var model = new OnnxGraphBuilder("attributes")
            .AddInput("x", TensorElementType.Float, 2, 3)
            .AddNode("Transpose", ["x"], ["xt"], OnnxAttribute.Ints("perm", 1, 0))
            .AddNode("LeakyRelu", ["xt"], ["y"], OnnxAttribute.Float("alpha", 0.25f))
            .AddOutput("y", TensorElementType.Float, 3, 2)
            .ToBytes();

        using var session = OnnxTestSessions.Bind(model);
        session.BindFloat("x", new float[] { 1, -2, 3, -4, 5, -6 }, [2, 3]);
        var y = session.Run("y", [3, 2]).ToArray();

        Assert.Equal([2, 3], session.Session.InputMetadata["x"].Dimensions);
        Assert.Equal([3, 2], session.Session.OutputMetadata["y"].Dimensions);
        Assert.Equal([1f, -1f, -0.5f, 5f, 3f, -1.5f], y);
    }

    [Fact]
    public void Int64Initializers_AreStoredAsRawLittleEndianData()
    {
        var model = new OnnxGraphBuilder("int64")
            .AddInput("a", TensorElementType.Int64, "n")
            .AddInitializer("b", [10L, -20L, 1L << 40], 3)
            .AddNode("Add", ["a", "b"], ["sum"])
            .AddOutput("sum", TensorElementType.Int64, "n")
            .ToBytes();

        using var session = OnnxTestSessions.Bind(model);
        using var a = OrtValue.CreateTensorValueFromMemory(new long[] { 1, 2, 3 }, [3]);
        using var outputs = session.Session.Run(new RunOptions(), ["a"], [a], ["sum"]);

        Assert.Equal([11L, -18L, (1L << 40) + 3], outputs[0].GetTensorDataAsSpan<long>().ToArray());
    }

    [Fact]
    public void InitializerWhoseShapeDoesNotMatchItsValues_IsRejected()
    {
        var builder = new OnnxGraphBuilder("bad");

        var error = Assert.Throws<ArgumentException>(() => builder.AddInitializer("w", [1f, 2f, 3f], 2, 2));

        Assert.Contains("'w'", error.Message);
    }

    [Theory]
    [InlineData(10, 2, 19, 2, 2)]
    [InlineData(10, 2, 20, 3, 2)]
    [InlineData(10, 2, 20, 2, 3)]
    public void LinearTextModelExport_RejectsInconsistentSizes(int features, int classes, int weightCount, int biasCount, int labelCount)
    {
        Assert.Throws<ArgumentException>(() => LinearTextModelExport.Build(
            features, classes, new float[weightCount], new float[biasCount], Enumerable.Range(0, labelCount).Select(i => $"c{i}").ToArray()));
    }

    [Fact]
    public void ReadLabels_WithoutLabelsMetadata_SaysHowToExport()
    {
        var error = Assert.Throws<InvalidDataException>(() => LinearTextModelExport.ReadLabels(new Dictionary<string, string>()));

        Assert.Contains("labels", error.Message);
    }
}
