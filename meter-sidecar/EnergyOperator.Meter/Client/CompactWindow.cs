namespace EnergyOperator.Meter.Client;

/// <summary>A stopped window reduced to its totals, for a <see cref="TruncatedMeterSummary"/>.</summary>
public sealed record CompactWindow(
    string Id,
    string Phase,
    double DurationSeconds,
    double Joules,
    bool Estimated,
    IReadOnlyList<CompactReading> Domains);
