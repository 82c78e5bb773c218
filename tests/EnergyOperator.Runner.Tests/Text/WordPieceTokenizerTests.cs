using EnergyOperator.Runner.Tests.Fixtures;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Text;

public sealed class WordPieceTokenizerTests
{
    private static async Task<WordPieceTokenizer> CreateAsync(bool lowerCase = true) =>
        new(await WordPieceVocabulary.LoadAsync(TestFixtures.PathOf("bert-vocab.txt")), lowerCase);

    [Fact]
    public async Task Tokenize_WordInPieces_UsesLongestMatchWithContinuations()
    {
        var tokenizer = await CreateAsync();

        Assert.Equal(["un", "##aff", "##able"], tokenizer.Tokenize("unaffable"));
    }

    [Fact]
    public async Task Tokenize_SentenceWithAccentsAndPunctuation_MatchesReference()
    {
        var tokenizer = await CreateAsync();

        Assert.Equal(["un", "##want", "##ed", ",", "runn", "##ing"], tokenizer.Tokenize("UNwant\u00E9d,running"));
    }

    [Fact]
    public async Task Tokenize_CaseSensitive_UnknownCapitalisedWordBecomesUnk()
    {
        var tokenizer = await CreateAsync(lowerCase: false);

        Assert.Equal(["[UNK]", "runn", "##ing"], tokenizer.Tokenize("UNwanted running"));
    }

    [Fact]
    public async Task Tokenize_WordWithUnmatchedTail_BecomesSingleUnk()
    {
        var tokenizer = await CreateAsync();

        Assert.Equal(["[UNK]", "hello", "!"], tokenizer.Tokenize("unwantedx hello!"));
    }

    [Fact]
    public async Task Tokenize_CjkText_YieldsOneTokenPerIdeograph()
    {
        var tokenizer = await CreateAsync();

        Assert.Equal(["hello", "中", "国", "world"], tokenizer.Tokenize("hello中国world"));
    }

    [Fact]
    public async Task Tokenize_SupplementaryCharacters_AreMatchedWhole()
    {
        var tokenizer = await CreateAsync();

        Assert.Equal(["hi", "##😀"], tokenizer.Tokenize("hi😀"));
        Assert.Equal(["[UNK]"], tokenizer.Tokenize("😀hi"));
    }

    [Fact]
    public async Task Tokenize_WordLongerThanOneHundredCharacters_BecomesUnk()
    {
        var tokenizer = await CreateAsync();

        Assert.Equal(100, tokenizer.Tokenize(new string('a', 100)).Count);
        Assert.Equal(["[UNK]"], tokenizer.Tokenize(new string('a', 101)));
    }
}
