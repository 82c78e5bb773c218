namespace EnergyOperator.Meter.Estimate;

/// <summary>Cumulative CPU time (user + system) of one process.</summary>
internal interface ICpuTimeReader
{
    /// <summary>What is metered, for <see cref="EnergyMeter.Describe"/>.</summary>
    string Subject { get; }

    /// <exception cref="InvalidOperationException">The process's CPU time cannot be read; the message names the fix.</exception>
    TimeSpan Read();
}
