namespace EnergyOperator.Meter.Client;

/// <summary>Body of <c>POST /v1/finish</c>.</summary>
/// <param name="Status"><c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Message">Why the runner failed, or any note for the summary.</param>
/// <remarks>Strings rather than <see cref="RunnerStatus"/> so the sidecar can answer a misspelt status with a clear 400.</remarks>
public sealed record FinishRequest(string? Status, string? Message = null);
