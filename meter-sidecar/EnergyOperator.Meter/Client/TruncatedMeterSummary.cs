namespace EnergyOperator.Meter.Client;

/// <summary>
/// The part of a <see cref="MeterSummary"/> that fits a Kubernetes termination message (4,096 bytes): the verdict and
/// the <c>inference</c> windows' joules per domain. The summary file at <see cref="SummaryPath"/> keeps everything.
/// </summary>
/// <param name="Reason">As in the full summary, shortened.</param>
/// <param name="Message">As in the full summary, shortened.</param>
/// <param name="WindowsTotal">Windows in the full summary, of every phase.</param>
/// <param name="WindowsOmitted">Inference windows left out because even their compact form did not fit.</param>
public sealed record TruncatedMeterSummary(
    string SchemaVersion,
    string? RunName,
    SummaryOutcome Outcome,
    bool Valid,
    string? Reason,
    string? Message,
    string SummaryPath,
    int WindowsTotal,
    int WindowsOmitted,
    IReadOnlyList<CompactWindow> Windows)
{
    public bool Truncated => true;
}
