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
    public void Create_SampleIds_NameEachTextsPositionInTheDataset()
    {
        var split = StratifiedSplit.Create(Mail, new SplitOptions { TestFraction = 0.2, Seed = 3 });

        foreach (var partition in new[] { split.Train, split.Test })
        {
            Assert.All(Enumerable.Range(0, partition.Count), position =>
                Assert.Equal(Mail.Samples[partition.SampleIds[position]].Text, partition.Texts[position]));
        }
    }

    [Fact]
    public void Fingerprint_IsStableForASeedAndChangesWithIt()
    {
        var options = new SplitOptions { Seed = 7 };

        Assert.Equal(StratifiedSplit.Create(Mail, options).Fingerprint(), StratifiedSplit.Create(Mail, options).Fingerprint());
        Assert.NotEqual(StratifiedSplit.Create(Mail, options).Fingerprint(), StratifiedSplit.Create(Mail, options with { Seed = 8 }).Fingerprint());
    }

    [Fact]
    public void Fingerprint_IsTheDocumentedHashThatScriptsRecompute()
    {
        var labels = LabelSet.InOrder(["ham", "spam"]);
        var split = new DatasetSplit("mail", labels, new TextPartition(["café", "win"], [0, 1], [2, 0]), new TextPartition(["hi"], [0], [1]));

        // hashlib.sha256 over "train\t2\tham\t<sha256('café')>\n" "train\t0\tspam\t<sha256('win')>\n" "test\t1\tham\t<sha256('hi')>\n".
        Assert.Equal("12265c7e1799f311a3c83aa5f0f379d05db0e5572478714516db7d9206a7220a", split.Fingerprint());
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
