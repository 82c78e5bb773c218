using System.Globalization;

namespace EnergyOperator.Meter.Estimate;

/// <summary>
/// The CPU time of every process visible in <c>/proc</c> except the meter's own: in a pod with
/// <c>shareProcessNamespace: true</c>, the workload of the other containers (the runner). Each process is tracked by pid and
/// start time, and one that exits keeps its last CPU time in the total, so the total never goes backwards.
/// </summary>
internal sealed class OtherProcessesCpuTime(string procRoot = "/proc", int? selfProcessId = null, long? clockTicksPerSecond = null) : ICpuTimeReader
{
    private readonly int _self = selfProcessId ?? Environment.ProcessId;
    private readonly long _ticksPerSecond = clockTicksPerSecond ?? ProcStat.ClockTicksPerSecond;
    private readonly Dictionary<(int Pid, ulong StartTime), TimeSpan> _seen = [];

    public string Subject => "every other process in the pod (shared process namespace)";

    public TimeSpan Read()
    {
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == _self)
            {
                continue;
            }

            var path = Path.Combine(directory, "stat");
            string stat;
            try
            {
                stat = File.ReadAllText(path);
            }
            catch (IOException)
            {
                continue; // Exited between listing and reading: its last reading stays in the total.
            }

            var (cpu, start) = ProcStat.Parse(stat, path, _ticksPerSecond);
            _seen[(pid, start)] = cpu;
        }

        return _seen.Values.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);
    }
}
