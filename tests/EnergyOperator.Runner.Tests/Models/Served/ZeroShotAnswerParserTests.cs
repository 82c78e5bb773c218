using EnergyOperator.Runner.Models.Served;

namespace EnergyOperator.Runner.Tests.Models.Served;

public sealed class ZeroShotAnswerParserTests
{
    private static readonly string[] Labels = ["ham", "spam"];

    [Theory]
    [InlineData(" Spam.", 1)]
    [InlineData("HAM, not spam", 0)]
    [InlineData("it is junk mail", 1)]
    [InlineData("spammy hamster", ZeroShotAnswerParser.Invalid)]
    [InlineData("", ZeroShotAnswerParser.Invalid)]
    [InlineData("no idea", ZeroShotAnswerParser.Invalid)]
    public void The_first_answer_word_in_the_text_decides_case_insensitive_whole_words(string answer, int label)
    {
        var parser = ZeroShotAnswerParser.Create(new Dictionary<string, string> { ["spam"] = "spam", ["junk"] = "spam", ["ham"] = "ham" }, Labels);

        Assert.Equal(label, parser.Parse(answer));
    }

    [Fact]
    public void Without_a_mapping_each_dataset_label_answers_for_itself()
    {
        var parser = ZeroShotAnswerParser.Create(null, Labels);

        Assert.Equal(1, parser.Parse("Answer: spam"));
    }

    [Theory]
    [InlineData("very bad", "spam", "not one word")]
    [InlineData("bad", "phishing", "not a dataset label")]
    public void A_mapping_the_parser_cannot_use_is_refused_saying_why(string word, string label, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ZeroShotAnswerParser.Create(new Dictionary<string, string> { [word] = label }, Labels));

        Assert.Contains(reason, error.Message);
    }
}
