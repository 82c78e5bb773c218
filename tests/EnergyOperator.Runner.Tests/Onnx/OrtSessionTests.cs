using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Tests.Onnx;

public sealed class OrtSessionTests : IDisposable
{
    private readonly LinearTextModel _model = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("ort-session-tests").FullName;

    [Fact]
    public void ExportedModel_ExposesTypedInputsAndOutputsWithDynamicDimensions()
    {
        using var session = OrtSession.Load(_model.Bytes);

        Assert.Equal([LinearTextModelExport.IndicesInput, LinearTextModelExport.ValuesInput], session.Inputs.Select(i => i.Name));
        Assert.Equal([OrtElementType.Int64, OrtElementType.Float], session.Inputs.Select(i => i.ElementType));
        Assert.Equal([-1L, -1L], session.Inputs[0].Shape);
        Assert.Equal(["batch", "features"], session.Inputs[0].SymbolicDimensions);
        Assert.Equal([LinearTextModelExport.LogitsOutput, LinearTextModelExport.ProbabilitiesOutput], session.Outputs.Select(o => o.Name));
        Assert.Equal([-1L, LinearTextModel.ClassCount], session.Outputs[1].Shape);
    }

    [Fact]
    public void ExportedModel_CarriesProducerLabelsAndFeatureCountInItsMetadata()
    {
        using var session = OrtSession.Load(_model.Bytes);

        Assert.Equal("EnergyOperator", session.Metadata.ProducerName);
        Assert.Equal("linear_text_classifier", session.Metadata.GraphName);
        Assert.Equal(LinearTextModel.Labels, LinearTextModelExport.ReadLabels(session.Metadata.CustomMetadata));
        Assert.Equal("50", session.Metadata.CustomMetadata[LinearTextModelExport.FeatureCountMetadataKey]);
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

        using var session = OrtSession.Load(_model.Bytes);
        using var indicesTensor = OrtTensor.Create(indices, batch, width);
        using var valuesTensor = OrtTensor.Create(values, batch, width);
        using var outputs = session.Run(new Dictionary<string, OrtTensor>
        {
            [LinearTextModelExport.IndicesInput] = indicesTensor,
            [LinearTextModelExport.ValuesInput] = valuesTensor,
        });

        AssertClose(expectedLogits, outputs[LinearTextModelExport.LogitsOutput].GetData<float>());
        AssertClose(expectedProbabilities, outputs[LinearTextModelExport.ProbabilitiesOutput].GetData<float>());
        Assert.Equal([batch, LinearTextModel.ClassCount], outputs[LinearTextModelExport.ProbabilitiesOutput].Shape);
        var paddedRow = outputs[LinearTextModelExport.LogitsOutput].GetData<float>()[^LinearTextModel.ClassCount..].ToArray();
        Assert.Equal(_model.Bias, paddedRow);
    }

    [Fact]
    public void Run_ReturnsOnlyTheRequestedOutputsInTheRequestedOrder()
    {
        using var session = OrtSession.Load(_model.Bytes);
        using var indices = OrtTensor.Create(new long[] { 3, 0 }, 1, 2);
        using var values = OrtTensor.Create(new float[] { 1, 0 }, 1, 2);

        using var outputs = session.Run(
            new Dictionary<string, OrtTensor> { ["indices"] = indices, ["values"] = values },
            [LinearTextModelExport.ProbabilitiesOutput]);

        var probabilities = Assert.Single(outputs);
        Assert.Equal(LinearTextModelExport.ProbabilitiesOutput, probabilities.Name);
        Assert.Equal(1.0, probabilities.GetData<float>().ToArray().Sum(), 5);
    }

    [Fact]
    public void Load_FromFile_RunsLikeTheInMemoryModel()
    {
        var path = Path.Combine(_directory, "linear.onnx");
        File.WriteAllBytes(path, _model.Bytes);

        using var session = OrtSession.Load(path);
        using var indices = OrtTensor.Create(new long[] { 7 }, 1, 1);
        using var values = OrtTensor.Create(new float[] { 2 }, 1, 1);
        using var outputs = session.Run(new Dictionary<string, OrtTensor> { ["indices"] = indices, ["values"] = values });

        Assert.Equal(path, session.ModelName);
        var (expected, _) = _model.Compute([7], [2], 1, 1);
        AssertClose(expected, outputs["logits"].GetData<float>());
    }

    [Fact]
    public void Run_WithAnInputOfTheWrongRank_SurfacesOrtsMessageWithTheInputAndModelNames()
    {
        using var session = OrtSession.Load(_model.Bytes, modelName: "linear-test-model");
        using var indices = OrtTensor.Create(new long[] { 1, 2 }, 1, 2);
        using var values = OrtTensor.Create(new float[] { 1, 2 }, 2);

        var error = Assert.Throws<OrtException>(() => session.Run(new Dictionary<string, OrtTensor> { ["indices"] = indices, ["values"] = values }));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("values", error.OrtMessage);
        Assert.Contains(error.OrtMessage, error.Message);
        Assert.Contains("linear-test-model", error.Message);
        Assert.Contains("values: Float[2]", error.Message);
    }

    [Fact]
    public void Run_WithAnInputTheModelDoesNotHave_ListsTheModelsInputs()
    {
        using var session = OrtSession.Load(_model.Bytes);
        using var tokens = OrtTensor.Create(new long[] { 1 }, 1, 1);

        var error = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor> { ["input_ids"] = tokens }));

        Assert.Contains("input_ids", error.Message);
        Assert.Contains("indices, values", error.Message);
    }

    [Fact]
    public void Load_OfACorruptModelFile_SurfacesOrtsMessageWithThePath()
    {
        var path = Path.Combine(_directory, "corrupt.onnx");
        File.WriteAllBytes(path, [0xFF, 0x00, 0x13, 0x37, 0xDE, 0xAD, 0xBE, 0xEF, 0x42]);

        var error = Assert.Throws<OrtException>(() => OrtSession.Load(path));

        Assert.Contains(path, error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.OrtMessage));
        Assert.Contains(error.OrtMessage, error.Message);
        Assert.NotEqual(OrtErrorCode.Ok, error.ErrorCode);
    }

    [Fact]
    public void AppendCuda_OnTheCpuBuild_SaysTheLibraryHasNoCudaProviderAndHowToPointAtAGpuBuild()
    {
        using var options = new OrtSessionOptions();

        var error = Assert.Throws<OrtException>(() => options.AppendCuda(0));

        Assert.False(OrtEnvironment.Shared.HasCuda);
        Assert.Contains("has no CUDA execution provider", error.Message);
        Assert.Contains(OrtEnvironment.LibraryEnvironmentVariable, error.Message);
        Assert.Contains(OrtEnvironment.Shared.LibraryPath, error.Message);
        Assert.Null(options.CudaDeviceId);
    }

    [Fact]
    public void SessionOptions_ApplyThreadsOptimizationAndExecutionMode()
    {
        using var options = new OrtSessionOptions
        {
            IntraOpThreads = 1,
            InterOpThreads = 1,
            GraphOptimizationLevel = OrtGraphOptimizationLevel.Basic,
            ExecutionMode = OrtExecutionMode.Parallel,
        };

        using var session = OrtSession.Load(_model.Bytes, options);

        Assert.Equal(1, options.IntraOpThreads);
        Assert.Equal(OrtExecutionMode.Parallel, options.ExecutionMode);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.IntraOpThreads = -1);
    }

    [Fact]
    public void Disposing_Twice_IsSafe_AndUseAfterDisposeThrowsObjectDisposed()
    {
        var options = new OrtSessionOptions();
        var session = OrtSession.Load(_model.Bytes, options);
        var indices = OrtTensor.Create(new long[] { 1 }, 1, 1);
        var values = OrtTensor.Create(new float[] { 1 }, 1, 1);
        var outputs = session.Run(new Dictionary<string, OrtTensor> { ["indices"] = indices, ["values"] = values });
        var logits = outputs["logits"];

        foreach (var disposable in new IDisposable[] { outputs, values, indices, session, options })
        {
            disposable.Dispose();
            disposable.Dispose();
        }

        Assert.Throws<ObjectDisposedException>(() => logits.GetData<float>().ToArray());
        Assert.Throws<ObjectDisposedException>(() => session.Run(new Dictionary<string, OrtTensor> { ["indices"] = indices, ["values"] = values }));
        Assert.Throws<ObjectDisposedException>(() => options.IntraOpThreads = 1);
    }

    [Fact]
    public void Tensor_WithAShapeThatDoesNotMatchTheBuffer_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => OrtTensor.Create(new float[5], 2, 3));

        Assert.Contains("6 elements", error.Message);
    }

    [Fact]
    public void Output_ReadAsTheWrongElementType_IsRejected()
    {
        using var session = OrtSession.Load(_model.Bytes);
        using var indices = OrtTensor.Create(new long[] { 1 }, 1, 1);
        using var values = OrtTensor.Create(new float[] { 1 }, 1, 1);
        using var outputs = session.Run(new Dictionary<string, OrtTensor> { ["indices"] = indices, ["values"] = values });

        var error = Assert.Throws<InvalidOperationException>(() => outputs["logits"].GetData<long>().ToArray());

        Assert.Contains("Float", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
