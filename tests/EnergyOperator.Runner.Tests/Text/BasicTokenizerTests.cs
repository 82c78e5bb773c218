using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Text;

public sealed class BasicTokenizerTests
{
    [Fact]
    public void Split_LowerCase_LowersAndSplitsPunctuationAndWhitespace()
    {
        var words = new BasicTokenizer(lowerCase: true).Split(" \tHeLLo!how  \n Are yoU?  ");

        Assert.Equal(["hello", "!", "how", "are", "you", "?"], words);
    }

    [Fact]
    public void Split_CaseSensitive_KeepsCase()
    {
        var words = new BasicTokenizer(lowerCase: false).Split(" \tHeLLo!how  \n Are yoU?  ");

        Assert.Equal(["HeLLo", "!", "how", "Are", "yoU", "?"], words);
    }

    [Fact]
    public void Split_LowerCase_StripsAccents()
    {
        var words = new BasicTokenizer(lowerCase: true).Split("Héllo Crème BRÛLÉE İstanbul");

        Assert.Equal(["hello", "creme", "brulee", "istanbul"], words);
    }

    [Fact]
    public void Split_LowerCase_LowersGreekAndSupplementaryLettersAfterFolding()
    {
        var words = new BasicTokenizer(lowerCase: true).Split("ΣΟΦΊΑ 𐐀");

        Assert.Equal(["σοφια", "𐐨"], words);
    }

    [Fact]
    public void Split_CaseSensitive_KeepsAccents()
    {
        var words = new BasicTokenizer(lowerCase: false).Split("Crème");

        Assert.Equal(["Crème"], words);
    }

    [Fact]
    public void Split_LowerCase_DecomposesHangulIntoJamo()
    {
        var words = new BasicTokenizer(lowerCase: true).Split("한");

        Assert.Equal(["\u1112\u1161\u11AB"], words);
    }

    [Fact]
    public void Split_CjkIdeographs_BecomeSeparateWords()
    {
        var words = new BasicTokenizer(lowerCase: true).Split("ah\u535A\u63A8zz \U00020000x");

        Assert.Equal(["ah", "\u535A", "\u63A8", "zz", "\U00020000", "x"], words);
    }

    [Fact]
    public void Split_AsciiSymbolsAndUnicodePunctuation_AreSplit()
    {
        var words = new BasicTokenizer(lowerCase: true).Split("¿Qué? $5^`x «hi»");

        Assert.Equal(["¿", "que", "?", "$", "5", "^", "`", "x", "«", "hi", "»"], words);
    }

    [Fact]
    public void Split_ControlAndFormatCharacters_AreDroppedAndNoBreakSpaceSeparates()
    {
        var words = new BasicTokenizer(lowerCase: false).Split("a\u0000b\u200Dc\u00ADd\fe\uFFFDf\u00A0g");

        Assert.Equal(["abcdef", "g"], words);
    }

    [Fact]
    public void Split_EmptyOrBlank_YieldsNothing()
    {
        Assert.Empty(new BasicTokenizer(lowerCase: true).Split(" \r\n\t "));
    }
}
