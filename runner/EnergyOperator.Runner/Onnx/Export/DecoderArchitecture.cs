namespace EnergyOperator.Runner.Onnx.Export;

/// <summary>The shape of a GPT-2-style decoder (pre-LayerNorm blocks, learned positions, GELU MLP of 4× width, tied LM head).</summary>
public sealed record DecoderArchitecture
{
    public int Layers { get; init; } = 2;
    public int Heads { get; init; } = 4;
    public int HiddenSize { get; init; } = 64;

    /// <summary>GPT-2's 50,257 by default, so the GPT-2 tokenizer's ids all exist.</summary>
    public int Vocabulary { get; init; } = 50_257;

    public int MaxPositions { get; init; } = 1024;

    public ulong Seed { get; init; } = 42;

    public int HeadSize => HiddenSize / Heads;

    /// <summary>Embeddings (tied with the LM head), positions, 12·d² + 13·d per block, final LayerNorm.</summary>
    public long Parameters =>
        ((long)Vocabulary * HiddenSize) + ((long)MaxPositions * HiddenSize)
        + (Layers * ((12L * HiddenSize * HiddenSize) + (13L * HiddenSize)))
        + (2L * HiddenSize);

    /// <summary>The first problem with these numbers, phrased with the fix; null when they make a model.</summary>
    public string? FindProblem() =>
        Layers is < 1 or > 48 ? $"layers must be between 1 and 48 (got {Layers})"
        : Heads is < 1 or > 64 ? $"heads must be between 1 and 64 (got {Heads})"
        : HiddenSize is < 1 or > 4096 || HiddenSize % Heads != 0 ? $"hidden must be between 1 and 4096 and a multiple of heads ({Heads}) (got {HiddenSize})"
        : Vocabulary is < 2 or > 262_144 ? $"vocabulary must be between 2 and 262144 (got {Vocabulary})"
        : MaxPositions is < 2 or > 65_536 ? $"max positions must be between 2 and 65536 (got {MaxPositions})"
        : Parameters > 2_000_000_000 ? $"{Parameters:N0} parameters exceed the 2 GB an ONNX file holds without external data: make it smaller"
        : null;
}
