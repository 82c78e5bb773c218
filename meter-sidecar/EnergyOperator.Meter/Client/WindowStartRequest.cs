namespace EnergyOperator.Meter.Client;

/// <summary>Body of <c>POST /v1/windows</c>.</summary>
/// <param name="Phase">The window's name, a DNS label such as <c>inference</c> or <c>idle-baseline</c>.</param>
public sealed record WindowStartRequest(string? Phase);
