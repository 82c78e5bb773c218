using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Models;
using EnergyOperator.Runner.Tests.Onnx;
using EnergyOperator.Runner.Tests.Execution;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Models;

/// <summary>A BERT-convention ONNX classifier prepared from a manifest-shaped spec, checked against <see cref="TinyBertModel"/>'s hand rule.</summary>
public sealed class TransformerClassifierTests : IDisposable
{
    private const int Ham = 0, Spam = 1;

    private readonly PreparerHarness _harness = new();

    /// <summary>Texts and the class the hand rule gives: spam when 8 × "hello" outweighs every other token ([CLS], [SEP] included).</summary>
    public static TheoryData<string, int> HandChecked => new()
    {
        { "hello", Spam },                                          // [CLS] hello [SEP]: 8 > 2
        { "Hello, world!", Spam },                                  // lower-cased; [CLS] hello , world ! [SEP]: 8 > 5
        { "world", Ham },                                           // no trigger word
        { "", Ham },                                                // [CLS] [SEP] only
        { "wanted running", Ham },                                  // word pieces, none of them the trigger
        { string.Join(' ', Enumerable.Repeat("world", 12)) + " hello", Ham }, // 8 < 14: a mean, not an "any"
    };

    private static string[] Texts => [.. HandChecked.Select(row => (string)row[0])];

    private static int[] Expected => [.. HandChecked.Select(row => (int)row[1])];

    [Fact]
    public async Task Predict_FollowsTheHandRule_WhenTheWholeBatchIsPaddedToItsLongestText()
    {
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root)));

        Assert.IsType<TransformerClassifier>(model.Classifier!);
        Assert.Equal(Expected, Predict(model.Classifier!, Texts));
    }

    [Theory]
    [MemberData(nameof(HandChecked))]
    public async Task Predict_OneTextAtATime_GivesTheSameClassAsInABatch(string text, int expected)
    {
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root)));

        Assert.Equal([expected], Predict(model.Classifier!, [text]));
    }

    [Fact]
    public async Task Labels_InReversedOrder_MapEachLogitToItsDatasetLabel()
    {
        // Logit 1 (the trigger word) now means "ham": every prediction flips.
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root)) with { Labels = ["spam", "ham"] });

        Assert.Equal(Expected.Select(label => 1 - label), Predict(model.Classifier!, Texts));
    }

    [Fact]
    public async Task Scores_AreSoftmaxProbabilitiesInDatasetLabelOrder_WhoseArgmaxIsThePrediction()
    {
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root)) with { Labels = ["spam", "ham"] });

        var predicted = Predicted.By(model.Classifier!, Texts, classes: 2);

        predicted.AssertScoresAreProbabilitiesOfThePrediction();
        Assert.Equal(Expected.Select(label => 1 - label), predicted.Labels);
    }

    [Fact]
    public async Task Labels_InDatasetOrder_AreTheDefault()
    {
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root)) with { Labels = ["ham", "spam"] });

        Assert.Equal(Expected, Predict(model.Classifier!, Texts));
    }

    [Fact]
    public async Task ModelWithoutTokenTypeIds_IsFedOnlyIdsAndMask()
    {
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root, tokenTypes: false)));

        Assert.Equal(Expected, Predict(model.Classifier!, Texts));
    }

    [Fact]
    public async Task Predict_WhenTheModelHasFewerLogitsThanLabels_SaysSoInsteadOfIndexingOutOfRange()
    {
        // The preparer rejects this when the output's class dimension is known; a model whose dimension only a run reveals
        // reaches the classifier, which must not index past its label map.
        var encoder = await BertBatchEncoder.CreateAsync(new WordPieceOptions { VocabPath = TinyBertModel.VocabPath });
        using var classifier = new TransformerClassifier(encoder, OnnxTestSessions.Bind(TinyBertModel.Build()), TinyBertModel.Output, [0, 1, 0], labelCount: 2);

        var error = Assert.Throws<InvalidDataException>(() => Predict(classifier, Texts));

        Assert.Contains("output 'logits' was bound as [6, 3]", error.Message);
    }

    [Fact]
    public async Task Prepare_ReportsLoadTimeAndNoTraining()
    {
        using var model = await _harness.PrepareAsync(Spec(TinyBertModel.Write(_harness.Root)));

        Assert.True(model.LoadSeconds > 0);
        Assert.Equal(0, model.TrainSeconds);
    }

    public void Dispose() => _harness.Dispose();

    internal static OnnxModelSpec Spec(string path) => new()
    {
        Path = path,
        Tokenizer = new TokenizerSpec { Vocab = TinyBertModel.VocabPath, MaxLength = 32 },
        Output = TinyBertModel.Output,
    };

    private static int[] Predict(ITextClassifier classifier, string[] texts) => Predicted.By(classifier, texts, classes: 2).Labels;
}
