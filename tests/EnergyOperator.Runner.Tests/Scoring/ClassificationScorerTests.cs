using System.Text.Json;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Runner.Scoring;

namespace EnergyOperator.Runner.Tests.Scoring;

public sealed class ClassificationScorerTests
{
    private const int Precision = 12;

    [Fact]
    public void Score_ClassNeverPredicted_GetsZeroScoresAndCountsInMacroF1()
    {
        // truth a a b b c c, predicted a b b b a a: a is right once of 3 guesses, b twice of 3, c never predicted.
        var metrics = ClassificationScorer.Score([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 0, 0], ["a", "b", "c"]);

        Assert.Equal(6, metrics.SampleCount);
        Assert.Equal(0.5, metrics.Accuracy, Precision);
        Assert.Equal((0.4 + 0.8 + 0) / 3, metrics.MacroF1, Precision);
        Assert.Equal([[1, 1, 0], [0, 2, 0], [2, 0, 0]], metrics.ConfusionMatrix);
        AssertClass(metrics.PerClass[0], "a", 1.0 / 3, 0.5, 0.4, 2);
        AssertClass(metrics.PerClass[1], "b", 2.0 / 3, 1.0, 0.8, 2);
        AssertClass(metrics.PerClass[2], "c", 0, 0, 0, 2);
    }

    [Fact]
    public void Score_ClassAbsentFromTruthAndPredictions_IsLeftOutOfMacroF1()
    {
        var metrics = ClassificationScorer.Score([0, 1, 0, 1], [0, 1, 1, 1], ["a", "b", "c"]);

        Assert.Equal(0.75, metrics.Accuracy, Precision);
        Assert.Equal((2.0 / 3 + 0.8) / 2, metrics.MacroF1, Precision);
        AssertClass(metrics.PerClass[2], "c", 0, 0, 0, 0);
    }

    [Fact]
    public void Score_PerfectPredictions_ScoreOne()
    {
        var metrics = ClassificationScorer.Score([1, 0, 1], [1, 0, 1], ["ham", "spam"]);

        Assert.Equal((1.0, 1.0), (metrics.Accuracy, metrics.MacroF1));
        Assert.Equal(["ham", "spam"], metrics.Labels);
    }

    [Fact]
    public void Score_Metrics_RoundTripThroughJson()
    {
        var metrics = ClassificationScorer.Score([0, 0, 1], [0, 1, 1], ["ham", "spam"]);

        string json = JsonSerializer.Serialize(metrics, JsonSerializerOptions.Web);
        var copy = JsonSerializer.Deserialize<ClassificationMetrics>(json, JsonSerializerOptions.Web)!;

        Assert.Contains("\"macroF1\":", json);
        Assert.Equal(metrics.ConfusionMatrix, copy.ConfusionMatrix);
        Assert.Equal(metrics.PerClass, copy.PerClass);
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, new[] { 0 }, "2 true labels but 1 predictions")]
    [InlineData(new int[0], new int[0], "empty")]
    [InlineData(new[] { 0, 2 }, new[] { 0, 1 }, "Sample 1 has label 2")]
    [InlineData(new[] { 0, 1 }, new[] { -2, 1 }, "Sample 0 has label -2")]
    [InlineData(new[] { -1, 1 }, new[] { 0, 1 }, "Sample 0 has label -1")]
    public void Score_InvalidInput_Throws(int[] truth, int[] predicted, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationScorer.Score(truth, predicted, ["a", "b"]));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Score_NoLabelPrediction_IsWrongAndLowersRecallButNoPrecisionAndStaysOutOfTheMatrix()
    {
        // Truth a, a, b, b; predicted a, none, b, none.
        var metrics = ClassificationScorer.Score([0, 0, 1, 1], [0, ClassificationScorer.NoLabel, 1, ClassificationScorer.NoLabel], ["a", "b"]);

        Assert.Equal(0.5, metrics.Accuracy, Precision);
        AssertClass(metrics.PerClass[0], "a", precision: 1, recall: 0.5, f1: 2.0 / 3, support: 2);
        AssertClass(metrics.PerClass[1], "b", precision: 1, recall: 0.5, f1: 2.0 / 3, support: 2);
        Assert.Equal(2.0 / 3, metrics.MacroF1, Precision);
        Assert.Equal([[1, 0], [0, 1]], metrics.ConfusionMatrix);
    }

    private static void AssertClass(ClassScore actual, string label, double precision, double recall, double f1, int support)
    {
        Assert.Equal((label, support), (actual.Label, actual.Support));
        Assert.Equal(precision, actual.Precision, Precision);
        Assert.Equal(recall, actual.Recall, Precision);
        Assert.Equal(f1, actual.F1, Precision);
    }
}
