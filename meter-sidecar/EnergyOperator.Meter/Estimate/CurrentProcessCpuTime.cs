namespace EnergyOperator.Meter.Estimate;

/// <summary>This process's CPU time.</summary>
internal sealed class CurrentProcessCpuTime : ICpuTimeReader
{
    public string Subject => $"process {Environment.ProcessId} (this process)";

    public TimeSpan Read() => Environment.CpuUsage.TotalTime;
}
