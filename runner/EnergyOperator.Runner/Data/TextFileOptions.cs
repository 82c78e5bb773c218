namespace EnergyOperator.Runner.Data;

public enum TextFileFormat
{
    /// <summary>JSON Lines: one object per line.</summary>
    Jsonl,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,
}

/// <summary>A labelled-text dataset stored in a local file.</summary>
public sealed record TextFileOptions
{
    public required string Path { get; init; }

    public required TextFileFormat Format { get; init; }

    /// <summary>The JSON property or CSV column holding the text.</summary>
    public string TextField { get; init; } = "text";

    /// <summary>The JSON property (string or number) or CSV column holding the class name.</summary>
    public string LabelField { get; init; } = "label";
}
