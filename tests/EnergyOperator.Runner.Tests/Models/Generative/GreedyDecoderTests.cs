using Microsoft.ML.OnnxRuntime;
using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Tests.Models.Generative;

public sealed class GreedyDecoderTests
{
    private static readonly int[][] Prompts = [[5, 17, 3, 44, 9, 12], [30, 2], [59, 0, 8, 8]];

    [Fact]
    public void Every_sequence_gets_exactly_the_asked_number_of_new_tokens()
    {
        using var decoder = TinyDecoder.Load();

        var batch = decoder.Generate(Prompts, maxNewTokens: 7, TimeProvider.System, CancellationToken.None);

        Assert.Equal(Prompts.Length, batch.Tokens.Count);
        Assert.All(batch.Tokens, tokens => Assert.Equal(7, tokens.Length));
        Assert.All(batch.Tokens.SelectMany(t => t), id => Assert.InRange(id, 0, decoder.VocabularySize - 1));
    }

    [Fact]
    public void Cached_greedy_decoding_equals_the_argmax_of_a_full_recompute_without_cache()
    {
        using var decoder = TinyDecoder.Load();
        var prompt = Prompts[0];

        var cached = decoder.Generate([prompt], maxNewTokens: 8, TimeProvider.System, CancellationToken.None).Tokens[0];

        // Each step from scratch: the whole sequence so far as a prompt, one new token, an empty cache.
        var sequence = prompt.ToList();
        var recomputed = new List<int>();
        for (var step = 0; step < 8; step++)
        {
            var next = decoder.Generate([[.. sequence]], maxNewTokens: 1, TimeProvider.System, CancellationToken.None).Tokens[0][0];
            recomputed.Add(next);
            sequence.Add(next);
        }

        Assert.Equal(recomputed, cached);
    }

    [Fact]
    public void A_left_padded_batch_generates_what_each_sequence_generates_alone()
    {
        using var decoder = TinyDecoder.Load();

        var batched = decoder.Generate(Prompts, maxNewTokens: 6, TimeProvider.System, CancellationToken.None).Tokens;

        for (var i = 0; i < Prompts.Length; i++)
        {
            var alone = decoder.Generate([Prompts[i]], maxNewTokens: 6, TimeProvider.System, CancellationToken.None).Tokens[0];
            Assert.Equal(alone, batched[i]);
        }
    }

    [Fact]
    public void Prefill_yields_the_first_token_and_decode_the_rest()
    {
        using var decoder = TinyDecoder.Load();
        using var generation = decoder.Start(Prompts, maxNewTokens: 4);

        generation.Prefill(CancellationToken.None);
        var first = generation.Tokens.Select(t => t[0]).ToArray();
        generation.Decode(CancellationToken.None);

        Assert.Equal(first, generation.Tokens.Select(t => t[0]));
        Assert.Throws<InvalidOperationException>(() => generation.Prefill(CancellationToken.None));
    }

    [Fact]
    public void Rewinding_to_the_start_repeats_the_generation_exactly()
    {
        using var decoder = TinyDecoder.Load();
        var expected = decoder.Generate(Prompts, maxNewTokens: 6, TimeProvider.System, CancellationToken.None).Tokens;
        using var generation = decoder.Start(Prompts, maxNewTokens: 6);

        generation.Prefill(CancellationToken.None);
        generation.Decode(CancellationToken.None);
        generation.RewindToStart();
        generation.Prefill(CancellationToken.None);
        generation.RewindToStart();
        generation.Prefill(CancellationToken.None);
        generation.Decode(CancellationToken.None);

        Assert.Equal(expected, generation.Tokens);
        Assert.Equal(6, generation.Generated);
    }

    [Fact]
    public void The_greedy_choice_is_the_first_largest_logit_in_single_and_half_precision()
    {
        float[] logits = [-3f, 0.5f, 2.25f, -1f, 2.25f, 1f];
        var half = logits.Select(v => (Float16)v).ToArray();

        Assert.Equal(2, LogitsArgmax.Of(logits));
        Assert.Equal(2, LogitsArgmax.Of(half, new float[8]));
        Assert.Equal(0, LogitsArgmax.Of([-7f, -7.5f]));
    }

    [Fact]
    public void A_sequence_longer_than_the_model_context_is_refused_before_running()
    {
        using var decoder = TinyDecoder.Load();

        var error = Assert.Throws<ArgumentException>(() => decoder.Start([new int[60]], maxNewTokens: 8));

        Assert.Contains("64 positions", error.Message);
    }

    [Fact]
    public void A_token_id_outside_the_vocabulary_is_refused()
    {
        using var decoder = TinyDecoder.Load();

        var error = Assert.Throws<ArgumentException>(() => decoder.Start([[1, 61]], maxNewTokens: 1));

        Assert.Contains("vocabulary of 61", error.Message);
    }
}
