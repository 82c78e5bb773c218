using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models.Classic;

public sealed class ClassicModelFormatTests : IDisposable
{
    private static readonly string[] Probe = ["topic0word1 the and", "topic2word5 topic2word6", "nothing known here", ""];
    private readonly string directory = Directory.CreateTempSubdirectory("classic-model-tests").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static byte[] Serialized(ClassicTextModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveThenLoad_GivesIdenticalModelAndProbabilities()
    {
        var model = ClassicTextModelTrainerTests.TrainToyModel();
        string path = Path.Combine(directory, "model.bin");

        model.Save(path);
        var loaded = ClassicTextModel.Load(path);

        Assert.Equal(model.Featurizer.Options, loaded.Featurizer.Options);
        Assert.Equal(model.Featurizer.DocumentCount, loaded.Featurizer.DocumentCount);
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.True(model.Featurizer.InverseDocumentFrequencies.Span.SequenceEqual(loaded.Featurizer.InverseDocumentFrequencies.Span));
        Assert.True(model.Weights.Span.SequenceEqual(loaded.Weights.Span));
        Assert.True(model.Bias.Span.SequenceEqual(loaded.Bias.Span));
        Assert.Equal(model.PredictProbabilities(Probe), loaded.PredictProbabilities(Probe));
    }

    [Fact]
    public void SaveThenLoad_KeepsTurnedOffNGramsOff()
    {
        var options = new HashedTfidfOptions { HashBits = 10, CharNGrams = null, Lowercase = false, SmoothIdf = false };
        var model = ClassicTextModelTrainer.Train(["spam offer", "meeting notes"], [1, 0], ["ham", "spam"], options);

        var loaded = ClassicTextModel.Load(new MemoryStream(Serialized(model)));

        Assert.Equal(options, loaded.Featurizer.Options);
    }

    [Fact]
    public void Load_OfATruncatedFile_NamesTheFileAndSaysItIsTruncated()
    {
        byte[] bytes = Serialized(ClassicTextModelTrainerTests.TrainToyModel());
        string path = Path.Combine(directory, "cut.bin");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var exception = Assert.Throws<InvalidDataException>(() => ClassicTextModel.Load(path));

        Assert.Contains(path, exception.Message);
        Assert.Contains("truncated", exception.Message);
    }

    [Fact]
    public void Load_OfAFileThatIsNotAModel_NamesTheFile()
    {
        string path = Path.Combine(directory, "notes.txt");
        File.WriteAllText(path, "these are not the weights you are looking for");

        var exception = Assert.Throws<InvalidDataException>(() => ClassicTextModel.Load(path));

        Assert.Contains(path, exception.Message);
        Assert.Contains("not a classic text model", exception.Message);
    }

    [Fact]
    public void Load_OfAnotherFormatVersion_SaysWhichVersionsDiffer()
    {
        byte[] bytes = Serialized(ClassicTextModelTrainerTests.TrainToyModel());
        bytes[8] = 99; // the int32 version follows the 8-byte magic

        var exception = Assert.Throws<InvalidDataException>(() => ClassicTextModel.Load(new MemoryStream(bytes)));

        Assert.Contains("version 99", exception.Message);
    }

    [Fact]
    public void Load_WithInvalidStoredOptions_ReportsThem()
    {
        byte[] bytes = Serialized(ClassicTextModelTrainerTests.TrainToyModel());
        bytes[12] = 40; // HashBits

        var exception = Assert.Throws<InvalidDataException>(() => ClassicTextModel.Load(new MemoryStream(bytes)));

        Assert.Contains("HashBits", exception.Message);
    }

    [Fact]
    public void Load_WithANonFiniteWeight_Throws()
    {
        var model = ClassicTextModelTrainerTests.TrainToyModel();
        byte[] bytes = Serialized(model);
        // Overwrite the last bias (just before the 8-byte end marker) with NaN.
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, bytes.Length - 8 - 4);

        var exception = Assert.Throws<InvalidDataException>(() => ClassicTextModel.Load(new MemoryStream(bytes)));

        Assert.Contains("non-finite", exception.Message);
    }
}
