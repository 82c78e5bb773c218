using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Models.Classic;
using EnergyOperator.Runner.Tests.Onnx;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Runner.Tests.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models;

/// <summary>The classic model's two engines must be the same model: ONNX Runtime over the exported graph and the C# one.</summary>
public sealed class ClassicOrtClassifierTests
{
    private static readonly ClassicTextModel Model = ClassicTextModelTrainerTests.TrainToyModel();

    public static TheoryData<int> BatchSizes => [1, 3, 16];

    /// <summary>Held-out texts plus the edge cases: an empty text, one longer than the featurizer reads, one of unknown words.</summary>
    private static string[] Texts { get; } =
    [
        .. SyntheticCorpus.Generate(40, 3, 0.4, 0, seed: 9).Texts,
        "",
        string.Join(' ', Enumerable.Range(0, 6_000).Select(i => $"topic{i % 3}word{i % 15}")),
        "zzz qqq entirely unseen vocabulary",
    ];

    [Theory]
    [MemberData(nameof(BatchSizes))]
    public void Predict_AgreesWithTheNativeClassifier_AtEveryBatchSize(int batchSize)
    {
        using var onnx = new ClassicOrtClassifier(Model.Featurizer, OnnxTestSessions.Bind(Export(Model)), Model.ClassCount);
        var native = new NativeClassicClassifier(Model);

        var fromOnnx = Predicted.By(onnx, Texts, Model.ClassCount, batchSize);
        var fromNative = Predicted.By(native, Texts, Model.ClassCount, batchSize).Labels;

        fromOnnx.AssertScoresAreProbabilitiesOfThePrediction();
        Assert.Equal(fromNative, fromOnnx.Labels);
        // The toy data separates well: the comparison is between real predictions, not between two constant answers.
        Assert.Equal(3, fromNative.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(BatchSizes))]
    public void ProbabilitiesOutput_EqualsTheModelsOwnProbabilities(int batchSize)
    {
        using var session = OnnxTestSessions.Bind(Export(Model));
        var batch = new SparseBatch();
        for (var offset = 0; offset < Texts.Length; offset += batchSize)
        {
            var texts = Texts[offset..Math.Min(offset + batchSize, Texts.Length)];
            Model.Featurizer.Transform(texts, batch);
            long[] shape = [batch.Count, batch.Width];
            session.BindInt64(LinearTextModelExport.IndicesInput, batch.Indices.AsMemory(0, batch.Length), shape);
            session.BindFloat(LinearTextModelExport.ValuesInput, batch.Values.AsMemory(0, batch.Length), shape);

            var expected = Model.PredictProbabilities(texts);
            var actual = session.Run(LinearTextModelExport.ProbabilitiesOutput, [batch.Count, Model.ClassCount]);
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-5f);
            }
        }
    }

    private static byte[] Export(ClassicTextModel model) =>
        LinearTextModelExport.Build(model.FeatureCount, model.ClassCount, model.Weights.Span, model.Bias.Span, model.Labels);

}
