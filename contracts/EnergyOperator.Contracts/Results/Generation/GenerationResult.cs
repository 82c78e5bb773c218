using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EnergyOperator.Contracts.Results.Generation;

/// <summary>What a generative model's run measured: one cell per input-token bin × output length at the run's batch size.</summary>
public sealed record GenerationResult
{
    /// <summary>Most cells one run may hold, so that a run's result stays a few KiB of a benchmark's status.</summary>
    public const int MaxCells = 64;

    /// <summary>The model's weights are random (provenance.json says so): what it generates means nothing; its energy does.</summary>
    public bool RandomWeights { get; init; }

    /// <summary>Parameters, layers and width the FLOPs baseline needs; null when the model has no provenance.json.</summary>
    public DecoderShape? Shape { get; init; }

    /// <summary>The peak-table entry the FLOPs × TDP baseline used; null when the accelerator is not in the table.</summary>
    public string? Accelerator { get; init; }

    /// <summary>Why no cell carries a FLOPs × TDP baseline (unknown accelerator, unknown shape); null when they do.</summary>
    public string? EstimateNote { get; init; }

    public required IReadOnlyList<GenerationCell> Cells { get; init; }
}

/// <summary>A decoder's size, as its provenance.json gives it or a served model's <c>server.shape</c> states it.</summary>
/// <param name="Parameters">Every parameter, embeddings included (a tied LM head counted once).</param>
public sealed record DecoderShape(
    [property: Required, Range(1, DecoderShape.MaxParameters)]
    [property: Description("Every parameter of the model, embeddings included (a tied LM head counted once).")]
    long Parameters,
    [property: Required, Range(1, int.MaxValue), Description("Transformer layers (blocks).")]
    int Layers,
    [property: Required, Range(1, int.MaxValue), Description("Width of the hidden state (d_model).")]
    int HiddenSize)
{
    /// <summary>A quadrillion: beyond any model, so that a spec's typo (or a provenance.json's) is not taken for a size.</summary>
    public const double MaxParameters = 1e15;
}

/// <summary>
/// Energy and wall time of one batch's phase (prefill or decode) of a grid cell: its meter window held the phase
/// <paramref name="Repeats"/> times over (to last <c>minWindowSeconds</c>), and <paramref name="Joules"/> and
/// <paramref name="Seconds"/> are the window's divided by that.
/// </summary>
/// <param name="TooShort">The window was still too short for a meter's resolution: the joules are not to be trusted.</param>
public sealed record PhaseEnergy(double Joules, double Seconds, bool Estimated, bool TooShort, int Repeats = 1);
