using System.Globalization;
using System.Runtime.InteropServices;

namespace EnergyOperator.Meter.Estimate;

/// <summary>
/// Another process's CPU time from <c>/proc/PID/stat</c> (<c>utime</c> + <c>stime</c>, in clock ticks), for a
/// sidecar that meters the main container's process through a shared process namespace.
/// </summary>
internal sealed class ProcStatCpuTime(int processId, string procRoot = "/proc", long? clockTicksPerSecond = null) : ICpuTimeReader
{
    private readonly string _path = Path.Combine(procRoot, processId.ToString(CultureInfo.InvariantCulture), "stat");
    private readonly long _ticksPerSecond = clockTicksPerSecond ?? ProcStat.ClockTicksPerSecond;
    private TimeSpan? _last;

    public string Subject => $"process {processId}";

    public TimeSpan Read()
    {
        string stat;
        try
        {
            stat = File.ReadAllText(_path);
        }
        catch (IOException) when (_last is not null)
        {
            // Gone (ENOENT) or exiting mid-read (ESRCH): a process that has exited uses no more CPU; its last CPU time is final.
            return _last.Value;
        }
        catch (Exception failure) when (failure is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException(
                $"process {processId} is not visible at {_path}: share the process namespace with the metered container (shareProcessNamespace: true) or correct the estimate's process id");
        }

        _last = ProcStat.Parse(stat, _path, _ticksPerSecond).CpuTime;
        return _last.Value;
    }
}

/// <summary>Reads a Linux <c>/proc/PID/stat</c> line.</summary>
internal static partial class ProcStat
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK on Linux

    public static long ClockTicksPerSecond { get; } = Sysconf(ClockTicksName);

    /// <summary>CPU time (utime + stime) and start time (in clock ticks since boot, with the pid it names one process).</summary>
    public static (TimeSpan CpuTime, ulong StartTime) Parse(string stat, string path, long ticksPerSecond)
    {
        // The command name (field 2) is parenthesised and may contain spaces; fields after it start at field 3 (state).
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int UserTime = 14 - 3, SystemTime = 15 - 3, StartTime = 22 - 3;
        if (fields.Length <= StartTime
            || !ulong.TryParse(fields[UserTime], CultureInfo.InvariantCulture, out var user)
            || !ulong.TryParse(fields[SystemTime], CultureInfo.InvariantCulture, out var system)
            || !ulong.TryParse(fields[StartTime], CultureInfo.InvariantCulture, out var start))
        {
            throw new InvalidOperationException($"{path} does not have the utime, stime and starttime fields of a Linux /proc stat file");
        }

        return (TimeSpan.FromTicks(checked((long)(user + system)) * TimeSpan.TicksPerSecond / ticksPerSecond), start);
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long Sysconf(int name);
}
