namespace EnergyOperator.Meter.Client;

/// <summary>The fields of an RFC 7807 problem document, as the sidecar answers every refused request.</summary>
public sealed record ProblemResponse(string? Title, int? Status, string? Detail);
