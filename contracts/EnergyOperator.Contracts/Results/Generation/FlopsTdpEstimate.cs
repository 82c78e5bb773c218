namespace EnergyOperator.Contracts.Results.Generation;

/// <summary>
/// The analytical baseline the study compares measurements with: FLOPs / peak FLOP/s × TDP, labelled an estimate everywhere.
/// Each ratio is measured / estimated joules, so a ratio above 1 is energy the FLOPs count does not explain.
/// </summary>
public sealed record FlopsTdpEstimate(
    string Accelerator,
    double PrefillFlops,
    double DecodeFlops,
    double PrefillJoules,
    double DecodeJoules,
    double PrefillRatio,
    double DecodeRatio,
    double RequestRatio)
{
    /// <summary>The baseline of one measured cell.</summary>
    public static FlopsTdpEstimate For(AcceleratorPeak accelerator, DecoderShape shape, int inputTokens, int outputTokens, int batchSize, double measuredPrefillJoules, double measuredDecodeJoules)
    {
        var prefillFlops = GenerationFlops.Prefill(shape, inputTokens, batchSize);
        var decodeFlops = GenerationFlops.Decode(shape, inputTokens, outputTokens, batchSize);
        var prefillJoules = accelerator.Joules(prefillFlops);
        var decodeJoules = accelerator.Joules(decodeFlops);
        return new FlopsTdpEstimate(
            accelerator.Name,
            prefillFlops,
            decodeFlops,
            prefillJoules,
            decodeJoules,
            Ratio(measuredPrefillJoules, prefillJoules),
            Ratio(measuredDecodeJoules, decodeJoules),
            Ratio(measuredPrefillJoules + measuredDecodeJoules, prefillJoules + decodeJoules));
    }

    /// <summary>0 where nothing was estimated (a one-token output has no decode FLOPs).</summary>
    private static double Ratio(double measured, double estimated) => estimated > 0 ? measured / estimated : 0;
}

/// <summary>
/// Forward-pass FLOPs of greedy generation: 2 · parameters per token for the matrix products, plus attention's
/// 2 · layers · context · width per token (QKᵀ and the weighted sum of V over the context the token sees).
/// </summary>
public static class GenerationFlops
{
    /// <summary>The prefill: the t-th prompt token (t = 1 … n) sees a context of t.</summary>
    public static double Prefill(DecoderShape shape, int inputTokens, int batchSize)
    {
        double n = inputTokens;
        return batchSize * ((2.0 * shape.Parameters * n) + ((double)shape.Layers * shape.HiddenSize * n * (n + 1)));
    }

    /// <summary>The decode: steps 1 … outputTokens − 1, step s seeing a context of inputTokens + s.</summary>
    public static double Decode(DecoderShape shape, int inputTokens, int outputTokens, int batchSize)
    {
        double steps = outputTokens - 1;
        var contextSum = (steps * inputTokens) + (steps * (steps + 1) / 2);
        return batchSize * ((2.0 * shape.Parameters * steps) + (2.0 * shape.Layers * shape.HiddenSize * contextSum));
    }
}
