using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models.Embedding;
using EnergyOperator.Runner.Tests.Execution;

namespace EnergyOperator.Runner.Tests.Models.Embedding;

/// <summary>The embedding kind end to end on the pretrained MiniLM the runner carries: real weights, so accuracy means something.</summary>
public sealed class EmbeddingClassifierTests : IDisposable
{
    private static readonly string[] Sport =
    [
        "the striker scored twice in the final minutes of the match", "our team won the league after a tense penalty shootout",
        "the goalkeeper saved a penalty in the second half", "fans cheered as the midfielder curled the ball into the net",
        "the coach praised the defence after a clean sheet", "a late header sealed the victory for the home side",
        "the referee showed a red card to the captain", "the club signed a new winger before the transfer deadline",
        "the forward scored the winning goal in the cup final", "the team won the match after extra time",
        "the defender was booked for a late tackle on the striker", "the crowd celebrated as the home team scored again",
    ];

    private static readonly string[] Cooking =
    [
        "simmer the onions in butter until they are golden", "knead the dough and let it rise for an hour",
        "season the soup with salt, pepper and fresh thyme", "roast the vegetables in a hot oven for forty minutes",
        "whisk the eggs with sugar until pale and fluffy", "slice the garlic thinly and fry it in olive oil",
        "bake the bread until the crust sounds hollow", "stir the risotto slowly while adding warm stock",
        "marinate the chicken overnight in yoghurt and spices", "grate the cheese over the pasta before serving",
        "chop the herbs finely and fold them into the sauce", "fry the onions and garlic before adding the tomatoes",
    ];

    private readonly PreparerHarness _harness = new();

    [Theory]
    [InlineData(BuiltinModels.AllMiniLmL6V2)]
    [InlineData(BuiltinModels.SnowflakeArcticEmbedXs)]
    public async Task BuiltinEncoder_WithAHeadTrainedOnTheTrainSplit_SeparatesHeldOutTopics(string builtin)
    {
        // Eight texts of each topic train the head (100 epochs: 16 examples make few steps per epoch); four of each are held out.
        var split = new DatasetSplit(
            "topics",
            LabelSet.InOrder(["cooking", "sport"]),
            new TextPartition([.. Sport[..8], .. Cooking[..8]], [.. Enumerable.Repeat(1, 8), .. Enumerable.Repeat(0, 8)], [.. Enumerable.Range(0, 16)]),
            new TextPartition([.. Sport[8..], .. Cooking[8..]], [.. Enumerable.Repeat(1, 4), .. Enumerable.Repeat(0, 4)], [.. Enumerable.Range(16, 8)]));

        using var model = await _harness.PrepareAsync(new EmbeddingModelSpec { Builtin = builtin, Epochs = 100 }, split);
        var predicted = Predicted.By(model.Classifier!, split.Test.Texts, classes: 2);

        Assert.IsType<EmbeddingClassifier>(model.Classifier!);
        Assert.True(model.TrainSeconds > 0);
        Assert.Equal(split.Test.Labels, predicted.Labels);
        predicted.AssertScoresAreProbabilitiesOfThePrediction();
    }

    [Fact]
    public async Task ModelFileWithoutTheNamedOutput_NamesTheOutputField()
    {
        var error = await Assert.ThrowsAsync<BenchmarkInputException>(
            () => _harness.PrepareAsync(new EmbeddingModelSpec { Builtin = BuiltinModels.AllMiniLmL6V2, Output = "sentence_embedding" }, PreparerHarness.Split));

        Assert.Equal("spec.models[0].embedding.output", error.Field);
        Assert.Contains("last_hidden_state", error.Message);
    }

    [Fact]
    public async Task ModelPathThatDoesNotExist_NamesThePathField()
    {
        var spec = new EmbeddingModelSpec { Path = Path.Combine(_harness.Root, "missing.onnx"), Tokenizer = new() { Vocab = "vocab.txt" } };

        var error = await Assert.ThrowsAsync<BenchmarkInputException>(() => _harness.PrepareAsync(spec, PreparerHarness.Split));

        Assert.Equal("spec.models[0].embedding.path", error.Field);
    }

    public void Dispose() => _harness.Dispose();
}
