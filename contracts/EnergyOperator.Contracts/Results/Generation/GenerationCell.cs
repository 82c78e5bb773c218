namespace EnergyOperator.Contracts.Results.Generation;

/// <summary>
/// One grid cell: a batch of <see cref="BatchSize"/> prompts of exactly <see cref="InputTokens"/> tokens, each generating exactly
/// <see cref="OutputTokens"/> tokens. The prefill is the first forward pass (which yields the first new token), the decode the
/// other <c>OutputTokens − 1</c> steps: a whole generation's window less the prefill's, per batch.
/// </summary>
public sealed record GenerationCell
{
    public required int InputTokens { get; init; }
    public required int OutputTokens { get; init; }
    public required int BatchSize { get; init; }

    /// <summary>Why the cell was not measured (longer than the model's context, out of device memory); null when it was.</summary>
    public string? NotMeasured { get; init; }

    public PhaseEnergy? Prefill { get; init; }
    public PhaseEnergy? Decode { get; init; }

    /// <summary>(Prefill + decode joules) / batch size.</summary>
    public double JoulesPerRequest { get; init; }

    /// <summary>Prefill joules / (batch size × input tokens).</summary>
    public double JoulesPerInputToken { get; init; }

    /// <summary>Decode joules / (batch size × output tokens), as the study defines it (the first token's share is in the prefill).</summary>
    public double JoulesPerOutputToken { get; init; }

    /// <summary>New tokens of the whole batch per second of prefill and decode.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>The prefill's wall time: every request of the batch gets its first token when it ends.</summary>
    public double TimeToFirstTokenSeconds { get; init; }

    /// <summary>Decode wall time / (output tokens − 1); 0 for one output token.</summary>
    public double TimePerOutputTokenSeconds { get; init; }

    /// <summary>The FLOPs × TDP baseline beside these measured figures; null when it cannot be estimated (see the run's note).</summary>
    public FlopsTdpEstimate? Estimate { get; init; }

    /// <summary>The measured cell with its derived figures.</summary>
    public static GenerationCell Measured(int inputTokens, int outputTokens, int batchSize, PhaseEnergy prefill, PhaseEnergy decode, FlopsTdpEstimate? estimate) => new()
    {
        InputTokens = inputTokens,
        OutputTokens = outputTokens,
        BatchSize = batchSize,
        Prefill = prefill,
        Decode = decode,
        JoulesPerRequest = (prefill.Joules + decode.Joules) / batchSize,
        JoulesPerInputToken = prefill.Joules / ((double)batchSize * inputTokens),
        JoulesPerOutputToken = decode.Joules / ((double)batchSize * outputTokens),
        TokensPerSecond = (double)batchSize * outputTokens / Math.Max(prefill.Seconds + decode.Seconds, double.Epsilon),
        TimeToFirstTokenSeconds = prefill.Seconds,
        TimePerOutputTokenSeconds = outputTokens > 1 ? decode.Seconds / (outputTokens - 1) : 0,
        Estimate = estimate,
    };

    public static GenerationCell Skipped(int inputTokens, int outputTokens, int batchSize, string reason) => new()
    {
        InputTokens = inputTokens,
        OutputTokens = outputTokens,
        BatchSize = batchSize,
        NotMeasured = reason,
    };
}
