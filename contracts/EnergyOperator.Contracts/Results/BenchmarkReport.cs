using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Contracts.Results;

/// <summary>The JSON document <c>energyctl run</c> writes (schema in docs/results.md).</summary>
public sealed record BenchmarkReport
{
    public const string CurrentSchema = "energyoperator.io/report/v1";

    public string SchemaVersion { get; set; } = CurrentSchema;
    public required string Benchmark { get; set; }
    public required DateTimeOffset StartedAt { get; set; }
    public required DateTimeOffset FinishedAt { get; set; }
    public required HostInfo Host { get; set; }
    public required IReadOnlyList<MeterSourceStatus> Meters { get; set; }
    public required DatasetInfo Dataset { get; set; }
    public required IReadOnlyList<RunResult> Runs { get; set; }
    public required BenchmarkSummary Summary { get; set; }
}

public sealed record HostInfo(string MachineName, string Os, string Architecture, int LogicalCores, string? CpuModel, string Runtime);

/// <param name="Split">The train/test split's SHA-256 fingerprint (<c>energyctl split</c> prints it; a model trained elsewhere records it); absent in reports written before it existed.</param>
public sealed record DatasetInfo(string Name, IReadOnlyList<string> Labels, int TrainSamples, int TestSamples, int Seed, string? Split = null);
