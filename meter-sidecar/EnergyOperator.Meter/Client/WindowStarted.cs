namespace EnergyOperator.Meter.Client;

/// <summary>Answer to <c>POST /v1/windows</c>: the id to stop the window by.</summary>
public sealed record WindowStarted(string Id, string Phase, DateTimeOffset StartedAt);
