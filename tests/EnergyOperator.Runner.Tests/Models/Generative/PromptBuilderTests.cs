using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Tests.Models.Generative;

public sealed class PromptBuilderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(32)]
    [InlineData(257)]
    public void Every_prompt_has_exactly_the_bin_length(int length)
    {
        int[][] texts = [[1, 2, 3, 4, 5], [6], [7, 8, 9]];

        var prompts = PromptBuilder.Build(texts, length, count: 5, first: 0);

        Assert.Equal(5, prompts.Length);
        Assert.All(prompts, prompt => Assert.Equal(length, prompt.Length));
    }

    [Fact]
    public void A_long_text_is_cut_and_a_short_one_repeated()
    {
        int[][] texts = [[1, 2, 3, 4, 5], [7, 8]];

        var prompts = PromptBuilder.Build(texts, length: 3, count: 2, first: 0);

        Assert.Equal([1, 2, 3], prompts[0]);
        Assert.Equal([7, 8, 7], prompts[1]);
    }

    [Fact]
    public void Requests_cycle_over_the_texts_that_have_tokens_from_the_first_asked()
    {
        int[][] texts = [[1], [], [2], [3]];

        var prompts = PromptBuilder.Build(texts, length: 1, count: 4, first: 1);

        Assert.Equal([2, 3, 1, 2], prompts.Select(p => p[0]));
    }

    [Fact]
    public void Texts_without_a_token_cannot_make_prompts()
    {
        Assert.Throws<ArgumentException>(() => PromptBuilder.Build([[], []], length: 4, count: 1, first: 0));
    }
}
