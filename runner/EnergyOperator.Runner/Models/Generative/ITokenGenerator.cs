namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// Greedy generation over batches of token ids: the seam a grid cell and, later, a server request drive. A batch is started
/// (its KV cache allocated) outside any meter window, so that the prefill and the decode can each be metered alone.
/// </summary>
public interface ITokenGenerator
{
    /// <summary>Ids the model can read and emit: 0 … <c>VocabularySize − 1</c>.</summary>
    int VocabularySize { get; }

    /// <summary>Most positions (prompt + new tokens) a sequence may have; null when the model does not say.</summary>
    int? MaxPositions { get; }

    /// <summary>Prepares <paramref name="prompts"/> (non-empty, any lengths: shorter ones are left-padded) for exactly
    /// <paramref name="maxNewTokens"/> new tokens each; the end-of-sequence token does not stop them.</summary>
    ITokenGeneration Start(IReadOnlyList<int[]> prompts, int maxNewTokens);
}

/// <summary>
/// One started batch: <see cref="Prefill"/> once, then <see cref="Decode"/> once. A grid cell repeats it over the same buffers
/// (<see cref="RewindToStart"/>) to fill a meter window without allocating again; greedy decoding makes every repeat compute
/// what the first did. (The decode cannot be rewound alone: each step lays the cache out again for its length.)
/// </summary>
public interface ITokenGeneration : IDisposable
{
    /// <summary>The first forward pass over the prompts; it yields the first new token of every sequence.</summary>
    void Prefill(CancellationToken cancellationToken);

    /// <summary>The other new tokens, one forward pass each over the cache.</summary>
    void Decode(CancellationToken cancellationToken);

    /// <summary>One more new token per sequence (what <see cref="Decode"/> repeats, for a server that streams each token);
    /// false, doing nothing, once all are generated.</summary>
    bool DecodeStep(CancellationToken cancellationToken);

    /// <summary>Back to before the prefill: the next <see cref="Prefill"/> recomputes the same first tokens.</summary>
    void RewindToStart();

    /// <summary>New tokens per sequence so far: the first <see cref="Generated"/> of each of <see cref="Tokens"/> are final.</summary>
    int Generated { get; }

    /// <summary>The new tokens of each prompt, in prompt order; complete after <see cref="Decode"/>.</summary>
    IReadOnlyList<int[]> Tokens { get; }
}

/// <summary>What one batch generated, and how long each phase took.</summary>
public sealed record GeneratedBatch(IReadOnlyList<int[]> Tokens, TimeSpan Prefill, TimeSpan Decode);

public static class TokenGeneratorExtensions
{
    /// <summary>Starts, prefills and decodes one batch, timing both phases.</summary>
    public static GeneratedBatch Generate(
        this ITokenGenerator generator, IReadOnlyList<int[]> prompts, int maxNewTokens, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var generation = generator.Start(prompts, maxNewTokens);
        var started = timeProvider.GetTimestamp();
        generation.Prefill(cancellationToken);
        var prefilled = timeProvider.GetTimestamp();
        generation.Decode(cancellationToken);
        return new GeneratedBatch(generation.Tokens, timeProvider.GetElapsedTime(started, prefilled), timeProvider.GetElapsedTime(prefilled));
    }
}
