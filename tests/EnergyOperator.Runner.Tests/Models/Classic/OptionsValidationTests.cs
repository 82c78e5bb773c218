using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models.Classic;

public sealed class OptionsValidationTests
{
    public static TheoryData<HashedTfidfOptions, string> InvalidFeaturizerOptions => new()
    {
        { new HashedTfidfOptions { HashBits = 30 }, nameof(HashedTfidfOptions.HashBits) },
        { new HashedTfidfOptions { HashBits = 4 }, nameof(HashedTfidfOptions.HashBits) },
        { new HashedTfidfOptions { WordNGrams = new(0, 2) }, nameof(HashedTfidfOptions.WordNGrams) },
        { new HashedTfidfOptions { WordNGrams = new(1, 9) }, nameof(HashedTfidfOptions.WordNGrams) },
        { new HashedTfidfOptions { CharNGrams = new(5, 3) }, nameof(HashedTfidfOptions.CharNGrams) },
        { new HashedTfidfOptions { WordNGrams = null, CharNGrams = null }, nameof(HashedTfidfOptions.WordNGrams) },
        { new HashedTfidfOptions { MaxTextLength = 0 }, nameof(HashedTfidfOptions.MaxTextLength) },
    };

    public static TheoryData<LogisticRegressionOptions, string> InvalidTrainerOptions => new()
    {
        { new LogisticRegressionOptions { Epochs = 0 }, nameof(LogisticRegressionOptions.Epochs) },
        { new LogisticRegressionOptions { LearningRate = 0 }, nameof(LogisticRegressionOptions.LearningRate) },
        { new LogisticRegressionOptions { LearningRate = float.NaN }, nameof(LogisticRegressionOptions.LearningRate) },
        { new LogisticRegressionOptions { L2 = -1 }, nameof(LogisticRegressionOptions.L2) },
        { new LogisticRegressionOptions { BatchSize = 0 }, nameof(LogisticRegressionOptions.BatchSize) },
        { new LogisticRegressionOptions { ClassWeighting = (ClassWeighting)7 }, nameof(LogisticRegressionOptions.ClassWeighting) },
    };

    [Theory]
    [MemberData(nameof(InvalidFeaturizerOptions))]
    public void InvalidFeaturizerOptions_AreRejectedNamingTheOption(HashedTfidfOptions options, string option)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => HashedTfidfFeaturizer.Fit(["text"], options));

        Assert.Equal(option, exception.ParamName);
        Assert.Contains($"{nameof(HashedTfidfOptions)}", exception.Message);
        Assert.Contains(option, exception.Message);
    }

    [Theory]
    [MemberData(nameof(InvalidTrainerOptions))]
    public void InvalidTrainerOptions_AreRejectedNamingTheOption(LogisticRegressionOptions options, string option)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => ClassicTextModelTrainer.Train(["a", "b"], [0, 1], ["x", "y"], trainerOptions: options));

        Assert.Equal(option, exception.ParamName);
        Assert.Contains($"{nameof(LogisticRegressionOptions)}.{option}", exception.Message);
    }

    [Fact]
    public void DefaultOptions_AreValid()
    {
        new HashedTfidfOptions().Validate();
        new LogisticRegressionOptions().Validate();
        Assert.Equal(262_144, new HashedTfidfOptions().FeatureCount);
    }
}
