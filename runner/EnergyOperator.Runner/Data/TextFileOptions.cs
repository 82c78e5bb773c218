using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Runner.Data;

/// <summary>A labelled-text dataset stored in a local file.</summary>
public sealed record TextFileOptions
{
    public required string Path { get; init; }

    public required DatasetFormat Format { get; init; }

    /// <summary>The JSON property or CSV column holding the text.</summary>
    public string TextField { get; init; } = "text";

    /// <summary>The JSON property (string or number) or CSV column holding the class name.</summary>
    public string LabelField { get; init; } = "label";
}
