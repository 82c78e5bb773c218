namespace EnergyOperator.Meter.Rapl;

/// <summary>A powercap file could not be read or parsed; the message names the file and the fix.</summary>
internal sealed class PowercapReadException(string message) : Exception(message);
