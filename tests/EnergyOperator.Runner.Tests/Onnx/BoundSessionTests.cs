using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Tests.Onnx;

public sealed class BoundSessionTests
{
    private readonly LinearTextModel _model = new();

    [Fact]
    public void ExportedModel_ExposesTypedInputsAndOutputsWithDynamicDimensions()
    {
        using var session = OnnxTestSessions.Bind(_model.Bytes);

        var inputs = session.Session.InputMetadata;
        Assert.Equal([LinearTextModelExport.IndicesInput, LinearTextModelExport.ValuesInput], inputs.Keys);
        Assert.Equal([TensorElementType.Int64, TensorElementType.Float], inputs.Values.Select(i => i.ElementDataType));
        Assert.Equal([-1, -1], inputs[LinearTextModelExport.IndicesInput].Dimensions);
        Assert.Equal(["batch", "features"], inputs[LinearTextModelExport.IndicesInput].SymbolicDimensions);
        Assert.Equal([-1, LinearTextModel.ClassCount], session.Session.OutputMetadata[LinearTextModelExport.ProbabilitiesOutput].Dimensions);
    }

    [Fact]
    public void ExportedModel_CarriesProducerLabelsAndFeatureCountInItsMetadata()
    {
        using var session = OnnxTestSessions.Bind(_model.Bytes);

        var metadata = session.Session.ModelMetadata;
        Assert.Equal("EnergyOperator", metadata.ProducerName);
        Assert.Equal("linear_text_classifier", metadata.GraphName);
        Assert.Equal(LinearTextModel.Labels, LinearTextModelExport.ReadLabels(metadata.CustomMetadataMap));
        Assert.Equal("50", metadata.CustomMetadataMap[LinearTextModelExport.FeatureCountMetadataKey]);
    }

    [Theory]
    [InlineData(1, 1, 11)]
    [InlineData(4, 6, 12)]
    [InlineData(17, 9, 13)]
    public void Run_MatchesTheHandComputedLinearModel_IncludingPaddedRows(int batch, int width, int seed)
    {
        var random = new Random(seed);
        var indices = new long[batch * width];
        var values = new float[batch * width];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = random.Next(LinearTextModel.FeatureCount);
            values[i] = (float)random.NextDouble() * 3;
        }

        // The last row is pure padding and the first keeps one real feature: both are what the featurizer emits.
        Array.Clear(indices, (batch - 1) * width, width);
        Array.Clear(values, (batch - 1) * width, width);
        if (batch > 1)
        {
            Array.Clear(indices, 1, width - 1);
            Array.Clear(values, 1, width - 1);
        }

        var (expectedLogits, expectedProbabilities) = _model.Compute(indices, values, batch, width);
        using var session = OnnxTestSessions.Bind(_model.Bytes);

        Bind(session, indices, values, batch, width);
        var logits = session.Run(LinearTextModelExport.LogitsOutput, [batch, LinearTextModel.ClassCount]).ToArray();
        Bind(session, indices, values, batch, width);
        var probabilities = session.Run(LinearTextModelExport.ProbabilitiesOutput, [batch, LinearTextModel.ClassCount]).ToArray();

        AssertClose(expectedLogits, logits);
        AssertClose(expectedProbabilities, probabilities);
        Assert.Equal(_model.Bias, logits[^LinearTextModel.ClassCount..]);
    }

    [Fact]
    public void Run_ReusesItsOutputBufferAcrossBatchesOfTheSameOrSmallerSize()
    {
        using var session = OnnxTestSessions.Bind(_model.Bytes);
        Bind(session, [3, 0, 5, 0], [1, 0, 2, 0], batch: 2, width: 2);
        var first = session.Run(LinearTextModelExport.ProbabilitiesOutput, [2, LinearTextModel.ClassCount]);

        Bind(session, [7], [1], batch: 1, width: 1);
        var second = session.Run(LinearTextModelExport.ProbabilitiesOutput, [1, LinearTextModel.ClassCount]);

        Assert.True(first.Overlaps(second));
        AssertClose(_model.Compute([7], [1], 1, 1).Probabilities, second);
    }

    [Fact]
    public void Run_WithAnInputOfTheWrongRank_NamesTheModelAndWhatItExpects()
    {
        using var session = OnnxTestSessions.Bind(_model.Bytes, "linear-test-model");
        session.BindInt64(LinearTextModelExport.IndicesInput, new long[] { 1, 2 }, [1, 2]);
        session.BindFloat(LinearTextModelExport.ValuesInput, new float[] { 1, 2 }, [2]);

        var error = Assert.Throws<InvalidDataException>(() => session.Run(LinearTextModelExport.LogitsOutput, [1, LinearTextModel.ClassCount]));

        Assert.Contains("linear-test-model", error.Message);
        Assert.Contains("values: Float[batch, features]", error.Message);
    }

    [Fact]
    public void Run_WithAnOutputShapeTheModelDoesNotProduce_FailsNamingTheBoundShape()
    {
        using var session = OnnxTestSessions.Bind(_model.Bytes);
        Bind(session, [7], [1], batch: 1, width: 1);

        var error = Assert.Throws<InvalidDataException>(() => session.Run(LinearTextModelExport.LogitsOutput, [1, LinearTextModel.ClassCount + 2]));

        Assert.Contains($"[1, {LinearTextModel.ClassCount + 2}]", error.Message);
    }

    [Fact]
    public void BindInt64_ToAModelDeclaringInt32_FeedsNarrowedIds()
    {
        // y = float(ids) * 2, with int32 ids: a model exported with int32 token inputs.
        var model = new OnnxGraphBuilder("int32_ids")
            .AddInput("ids", TensorElementType.Int32, "batch", 3)
            .AddInitializer("two", [2f], 1)
            .AddNode("Cast", ["ids"], ["as_float"], OnnxAttribute.Int("to", (long)TensorElementType.Float))
            .AddNode("Mul", ["as_float", "two"], ["y"])
            .AddOutput("y", TensorElementType.Float, "batch", 3)
            .ToBytes();
        using var session = OnnxTestSessions.Bind(model);

        session.BindInt64("ids", new long[] { 1, 2, 3, 40, 50, 60 }, [2, 3]);
        var y = session.Run("y", [2, 3]).ToArray();

        Assert.Equal(TensorElementType.Int32, session.ElementTypeOf("ids"));
        Assert.Equal([2f, 4, 6, 80, 100, 120], y);
    }

    [Fact]
    public void Run_OfAFloat16Output_ReturnsTheScoresWidenedToFloat()
    {
        var model = new OnnxGraphBuilder("half_logits")
            .AddInput("x", TensorElementType.Float, "batch", 2)
            .AddNode("Cast", ["x"], ["y"], OnnxAttribute.Int("to", (long)TensorElementType.Float16))
            .AddOutput("y", TensorElementType.Float16, "batch", 2)
            .ToBytes();
        using var session = OnnxTestSessions.Bind(model);

        session.BindFloat("x", new float[] { 0.5f, -3.25f, 1024f, 1f / 3 }, [2, 2]);
        var y = session.Run("y", [2, 2]).ToArray();

        Assert.Equal(TensorElementType.Float16, session.ElementTypeOf("y"));
        Assert.Equal([0.5f, -3.25f, 1024f, (float)(Half)(1f / 3)], y);
    }

    [Fact]
    public void ElementTypeOf_AnUnknownName_ListsNothingAndNamesTheModel()
    {
        using var session = OnnxTestSessions.Bind(_model.Bytes, "linear-test-model");

        var error = Assert.Throws<ArgumentException>(() => session.ElementTypeOf("input_ids"));

        Assert.Contains("input_ids", error.Message);
        Assert.Contains("linear-test-model", error.Message);
    }

    private static void Bind(BoundSession session, long[] indices, float[] values, int batch, int width)
    {
        session.BindInt64(LinearTextModelExport.IndicesInput, indices, [batch, width]);
        session.BindFloat(LinearTextModelExport.ValuesInput, values, [batch, width]);
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
