namespace EnergyOperator.Meter.Client;

/// <summary>Body of <c>POST /v1/windows</c>.</summary>
/// <param name="Phase">The window's name, a DNS label such as <c>inference</c> or <c>idle-baseline</c>.</param>
/// <param name="Gpus">
/// UUIDs of the GPUs the runner was given: the window reports exactly those, never the node's other GPUs. Null or empty
/// reports every GPU the meter measures.
/// </param>
public sealed record WindowStartRequest(string? Phase, IReadOnlyList<string>? Gpus = null);
