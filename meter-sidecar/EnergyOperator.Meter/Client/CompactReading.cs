namespace EnergyOperator.Meter.Client;

/// <summary>One domain's joules in a <see cref="CompactWindow"/>.</summary>
public sealed record CompactReading(string Source, string Domain, string? Device, double Joules);
