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

    /// <summary>The most bytes the file may hold: it is read whole into memory, and a .NET string holds at most about 1 G characters.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;
}
