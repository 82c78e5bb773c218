using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>A generative model ready for its grid: the decoder, the prompt tokenizer and what provenance.json says.</summary>
public sealed record GenerativeModel(GreedyDecoder Decoder, PromptEncoder Encoder, ModelProvenance? Provenance) : IDisposable
{
    /// <summary>The FLOPs baseline's inputs; null without provenance, or with a size out of <see cref="DecoderShape"/>'s range (the
    /// result's schema would refuse it).</summary>
    public DecoderShape? Shape => Provenance is { Parameters: > 0 and <= (long)DecoderShape.MaxParameters, Layers: > 0, HiddenSize: > 0 } p
        ? new DecoderShape(p.Parameters, p.Layers, p.HiddenSize)
        : null;

    public void Dispose() => Decoder.Dispose();
}
