using EnergyOperator.Runner.Tests.Fixtures;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Text;

public sealed class WordPieceVocabularyTests
{
    [Fact]
    public async Task LoadAsync_Fixture_AssignsLineNumbersAsIds()
    {
        var vocabulary = await WordPieceVocabulary.LoadAsync(TestFixtures.PathOf("bert-vocab.txt"));

        Assert.Equal(26, vocabulary.Count);
        Assert.Equal((0, 1, 2, 3), (vocabulary.PaddingId, vocabulary.UnknownId, vocabulary.ClassifierId, vocabulary.SeparatorId));
        Assert.True(vocabulary.TryGetId("##aff", out int id));
        Assert.Equal(18, id);
        Assert.Equal("##aff", vocabulary.GetToken(18));
    }

    [Fact]
    public async Task LoadAsync_MissingFile_NamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "vocab.txt");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => WordPieceVocabulary.LoadAsync(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("[UNK]")]
    [InlineData("[CLS]")]
    [InlineData("[SEP]")]
    [InlineData("[PAD]")]
    public async Task LoadAsync_MissingSpecialToken_NamesFileAndToken(string missing)
    {
        string path = Path.GetTempFileName();
        try
        {
            string[] tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello"];
            await File.WriteAllLinesAsync(path, tokens.Where(token => token != missing));

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => WordPieceVocabulary.LoadAsync(path));

            Assert.Contains(path, error.Message);
            Assert.Contains($"'{missing}'", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
