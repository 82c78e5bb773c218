using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models.Classic;

public sealed class ClassicTextModelTrainerTests
{
    // Fewer hash bits keep the weight arrays (and the tests) small; nothing here depends on collisions.
    internal static readonly HashedTfidfOptions SmallFeaturizer = new() { HashBits = 14 };

    internal static ClassicTextModel TrainToyModel(int seed = 42)
    {
        var (texts, labels) = SyntheticCorpus.Generate(120, 3, 0.5, 0, seed: 1);
        return ClassicTextModelTrainer.Train(texts, labels, ["a", "b", "c"], SmallFeaturizer, new LogisticRegressionOptions { Seed = seed });
    }

    private static double Accuracy(ClassicTextModel model, IReadOnlyList<string> texts, IReadOnlyList<int> labels)
    {
        var predicted = Predicted.By(new NativeClassicClassifier(model), texts, model.ClassCount).Labels;
        return predicted.Zip(labels).Count(pair => pair.First == pair.Second) / (double)texts.Count;
    }

    [Fact]
    public void Train_OnSeparableToyData_FitsItCompletely()
    {
        var (texts, labels) = SyntheticCorpus.Generate(200, 3, 0.5, 0, seed: 1);

        var model = ClassicTextModelTrainer.Train(texts, labels, ["a", "b", "c"], SmallFeaturizer);

        Assert.Equal(1.0, Accuracy(model, texts, labels));
    }

    [Fact]
    public void Train_OnNoisyOverlappingData_GeneralisesToHeldOutTexts()
    {
        // 15% of training labels are random and only 30% of each text's words carry the class.
        var (texts, labels) = SyntheticCorpus.Generate(600, 3, 0.3, 0.15, seed: 2);
        var (heldOut, heldOutLabels) = SyntheticCorpus.Generate(300, 3, 0.3, 0, seed: 3);

        var model = ClassicTextModelTrainer.Train(texts, labels, ["a", "b", "c"], SmallFeaturizer);

        Assert.True(Accuracy(model, heldOut, heldOutLabels) >= 0.9, $"held-out accuracy {Accuracy(model, heldOut, heldOutLabels)}");
    }

    [Fact]
    public void Train_WithBalancedClassWeights_StillFindsTheMinorityClass()
    {
        var (texts, labels) = SyntheticCorpus.Generate(300, 2, 0.4, 0, seed: 4);
        var keep = Enumerable.Range(0, texts.Count).Where(i => labels[i] == 0 || i % 10 == 1).ToList(); // ~10% class 1

        var model = ClassicTextModelTrainer.Train(
            keep.Select(i => texts[i]).ToList(), keep.Select(i => labels[i]).ToList(), ["major", "minor"],
            SmallFeaturizer, new LogisticRegressionOptions { ClassWeighting = ClassWeighting.Balanced });

        var (heldOut, heldOutLabels) = SyntheticCorpus.Generate(200, 2, 0.4, 0, seed: 5);
        var minority = Enumerable.Range(0, heldOut.Count).Where(i => heldOutLabels[i] == 1).ToList();
        Assert.True(Accuracy(model, minority.Select(i => heldOut[i]).ToList(), minority.Select(_ => 1).ToList()) >= 0.9);
    }

    [Fact]
    public void Train_WithTheSameSeed_GivesIdenticalWeights()
    {
        var first = TrainToyModel(seed: 7);
        var second = TrainToyModel(seed: 7);

        Assert.True(first.Weights.Span.SequenceEqual(second.Weights.Span));
        Assert.True(first.Bias.Span.SequenceEqual(second.Bias.Span));
    }

    [Fact]
    public void Train_WithAnotherSeed_VisitsExamplesInAnotherOrder()
    {
        Assert.False(TrainToyModel(seed: 7).Weights.Span.SequenceEqual(TrainToyModel(seed: 8).Weights.Span));
    }

    [Fact]
    public void Model_ExposesItsShapeForTheOnnxExporter()
    {
        var model = TrainToyModel();

        Assert.Equal(1 << 14, model.FeatureCount);
        Assert.Equal(3, model.ClassCount);
        Assert.Equal(["a", "b", "c"], model.Labels);
        Assert.Equal(model.FeatureCount * model.ClassCount, model.Weights.Length);
        Assert.Equal(3, model.Bias.Length);
        Assert.Same(SmallFeaturizer, model.Featurizer.Options);
    }

    [Fact]
    public void PredictProbabilities_SumToOne_AndMatchALinearLayerOverTheBatch()
    {
        var model = TrainToyModel();
        string[] texts = ["topic1word3 topic1word4 the", "topic2word1 and", ""];
        float[] probabilities = model.PredictProbabilities(texts);

        var batch = new SparseBatch();
        model.Featurizer.Transform(texts, batch);
        ReadOnlySpan<float> weights = model.Weights.Span;
        for (int row = 0; row < texts.Length; row++)
        {
            var logits = model.Bias.ToArray().Select(b => (double)b).ToArray();
            for (int k = 0; k < batch.Width; k++)
            {
                long feature = batch.Indices[row * batch.Width + k];
                for (int c = 0; c < 3; c++)
                {
                    logits[c] += weights[(int)feature * 3 + c] * batch.Values[row * batch.Width + k];
                }
            }

            double sum = logits.Sum(Math.Exp);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(Math.Exp(logits[c]) / sum, probabilities[row * 3 + c], 5);
            }

            Assert.Equal(1.0, probabilities.Skip(row * 3).Take(3).Sum(), 5);
        }
    }

    [Fact]
    public void NativeClassifier_WritesTheModelsProbabilitiesAndTheirArgmax_AcrossReusedBatches()
    {
        var model = TrainToyModel();
        var (texts, _) = SyntheticCorpus.Generate(30, 3, 0.3, 0, seed: 9);
        float[] probabilities = model.PredictProbabilities(texts);

        var predicted = Predicted.By(new NativeClassicClassifier(model), texts, classes: 3, batchSize: 20);

        predicted.AssertScoresAreProbabilitiesOfThePrediction();
        Assert.Equal(probabilities, predicted.Scores, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void NativeClassifier_WithTooFewLabelSlots_Throws()
    {
        var classifier = new NativeClassicClassifier(TrainToyModel());

        var exception = Assert.Throws<ArgumentException>(() => classifier.Predict(["a", "b"], new int[1], new float[6]));
        Assert.Equal("predictions", exception.ParamName);
    }

    [Fact]
    public void Train_WithALabelOutsideTheNames_NamesTheLabel()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => ClassicTextModelTrainer.Train(["x", "y"], [0, 2], ["a", "b"], SmallFeaturizer));

        Assert.Contains("labels[1] = 2", exception.Message);
    }

    [Fact]
    public void Train_WithMismatchedLabelCount_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassicTextModelTrainer.Train(["x", "y"], [0], ["a", "b"]));
        Assert.Equal("labels", exception.ParamName);
    }

    [Theory]
    [InlineData(new[] { "only" }, "at least 2")]
    [InlineData(new[] { "a", "a" }, "labelNames[1]")]
    [InlineData(new[] { "a", " " }, "labelNames[1]")]
    public void Train_WithBadLabelNames_Throws(string[] names, string expectedMessagePart)
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassicTextModelTrainer.Train(["x", "y"], [0, 0], names));
        Assert.Contains(expectedMessagePart, exception.Message);
    }
}
