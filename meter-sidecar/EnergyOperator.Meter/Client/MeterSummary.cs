using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter.Client;

/// <summary>
/// What the sidecar leaves behind when it exits: written to the summary file in full, and to the container's
/// termination message in full or, beyond the message's size limit, as a <see cref="TruncatedMeterSummary"/>.
/// Readers tell the two apart by <see cref="Truncated"/>.
/// </summary>
/// <param name="SchemaVersion"><see cref="CurrentSchemaVersion"/>; a breaking change bumps it.</param>
/// <param name="Valid">
/// True only when the runner finished successfully, opened at least one window, and every window it opened was
/// stopped with a measurement;
/// otherwise the energy must not be reported as the run's.
/// </param>
/// <param name="Reason">Why the summary is not valid; absent when it is.</param>
/// <param name="Message">The runner's message from finish.</param>
public sealed record MeterSummary(
    string SchemaVersion,
    string? RunName,
    SummaryOutcome Outcome,
    bool Valid,
    string? Reason,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<MeterSourceStatus> Sources,
    IReadOnlyList<WindowRecord> Windows)
{
    public const string CurrentSchemaVersion = "energyoperator.io/meter-summary/v1";

    /// <summary>Always false here; true in a <see cref="TruncatedMeterSummary"/>.</summary>
    public bool Truncated => false;
}
