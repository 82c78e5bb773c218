namespace EnergyOperator.Meter.Sampling;

/// <summary>One read of a channel: its cumulative counter, its instantaneous power, or both.</summary>
internal readonly record struct ChannelSample(ulong? Counter, double? Watts);
