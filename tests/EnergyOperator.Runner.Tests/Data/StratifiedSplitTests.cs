using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Tests.Data;

public sealed class StratifiedSplitTests
{
    private static readonly TextDataset Mail = new(
        "mail",
        [.. Enumerable.Range(0, 150).Select(i => new LabeledText($"text {i}", i % 3 == 0 ? "spam" : "ham"))]);

    [Fact]
    public void Create_KeepsEachClassShareAndUsesEverySampleOnce()
    {
        var split = StratifiedSplit.Create(Mail, new SplitOptions { TestFraction = 0.2, Seed = 1 });

        Assert.Equal(["ham", "spam"], split.Labels);
        Assert.Equal((80, 40), Counts(split.Train));
        Assert.Equal((20, 10), Counts(split.Test));
        Assert.Equal(Mail.Samples.Select(sample => sample.Text).Order(), split.Train.Texts.Concat(split.Test.Texts).Order());
        Assert.All(
            split.Train.Texts.Zip(split.Train.Labels),
            pair => Assert.Equal(Mail.Samples.Single(sample => sample.Text == pair.First).Label, split.Labels[pair.Second]));
    }

    [Fact]
    public void Create_SameSeed_GivesSameSplitAndOtherSeedDiffers()
    {
        var options = new SplitOptions { Seed = 7 };

        var first = StratifiedSplit.Create(Mail, options);
        var second = StratifiedSplit.Create(Mail, options);
        var other = StratifiedSplit.Create(Mail, options with { Seed = 8 });

        Assert.Equal(first.Train.Texts, second.Train.Texts);
        Assert.Equal(first.Test.Texts, second.Test.Texts);
        Assert.NotEqual(first.Test.Texts, other.Test.Texts);
    }

    [Fact]
    public void Create_Limit_SamplesEachClassInProportionBeforeSplitting()
    {
        var split = StratifiedSplit.Create(Mail, new SplitOptions { TestFraction = 0.2, Limit = 30 });

        Assert.Equal((16, 8), Counts(split.Train));
        Assert.Equal((4, 2), Counts(split.Test));
    }

    [Fact]
    public void Create_LimitAboveSampleCount_UsesEverySample()
    {
        var split = StratifiedSplit.Create(Mail, new SplitOptions { Limit = 1_000 });

        Assert.Equal(150, split.Train.Count + split.Test.Count);
    }

    [Fact]
    public void Create_TinyClasses_KeepOneSampleOnEachSideAndASingleSampleInTraining()
    {
        var dataset = new TextDataset("tiny", [new("a", "x"), new("b", "x"), new("c", "y"), new("d", "z"), new("e", "z"), new("f", "z")]);

        var split = StratifiedSplit.Create(dataset, new SplitOptions { TestFraction = 0.1 });

        Assert.Equal([0, 2], split.Test.Labels.Order());
        Assert.Equal([0, 1, 2, 2], split.Train.Labels.Order());
    }

    [Theory]
    [InlineData(0.0, null, nameof(SplitOptions.TestFraction))]
    [InlineData(1.0, null, nameof(SplitOptions.TestFraction))]
    [InlineData(0.2, 0, nameof(SplitOptions.Limit))]
    public void Create_InvalidOptions_ThrowNamingTheSetting(double testFraction, int? limit, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => StratifiedSplit.Create(Mail, new SplitOptions { TestFraction = testFraction, Limit = limit }));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Apportion_GivesLeftoverSeatsToLargestRemainders()
    {
        Assert.Equal([4, 2, 1], StratifiedSplit.Apportion([5, 3, 2], 7));
        Assert.Equal([1, 1, 1], StratifiedSplit.Apportion([1, 1, 1], 3));
    }

    [Fact]
    public void SplitMix64_MatchesTheReferenceSequence()
    {
        var random = new SplitMix64(0);

        Assert.Equal([0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F], new[] { random.Next(), random.Next(), random.Next() });
    }

    private static (int Ham, int Spam) Counts(TextPartition partition) =>
        (partition.Labels.Count(label => label == 0), partition.Labels.Count(label => label == 1));
}
