using System.Globalization;
using System.Runtime.InteropServices;

namespace EnergyOperator.Meter.Estimate;

/// <summary>
/// Another process's CPU time from <c>/proc/PID/stat</c> (<c>utime</c> + <c>stime</c>, in clock ticks), for a
/// sidecar that meters the main container's process through a shared process namespace.
/// </summary>
internal sealed partial class ProcStatCpuTime(int processId, string procRoot = "/proc", long? clockTicksPerSecond = null) : ICpuTimeReader
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK on Linux

    private readonly string _path = Path.Combine(procRoot, processId.ToString(CultureInfo.InvariantCulture), "stat");
    private readonly long _ticksPerSecond = clockTicksPerSecond ?? Sysconf(ClockTicksName);
    private TimeSpan? _last;

    public string Subject => $"process {processId}";

    public TimeSpan Read()
    {
        string stat;
        try
        {
            stat = File.ReadAllText(_path);
        }
        catch (Exception failure) when (failure is FileNotFoundException or DirectoryNotFoundException)
        {
            // A process that has exited uses no more CPU: its last CPU time is final.
            return _last ?? throw new InvalidOperationException(
                $"process {processId} is not visible at {_path}: share the process namespace with the metered container (shareProcessNamespace: true) or correct the estimate's process id");
        }

        _last = Parse(stat);
        return _last.Value;
    }

    private TimeSpan Parse(string stat)
    {
        // The command name (field 2) is parenthesised and may contain spaces; fields after it start at field 3 (state).
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int UserTime = 14 - 3, SystemTime = 15 - 3;
        if (fields.Length <= SystemTime
            || !ulong.TryParse(fields[UserTime], CultureInfo.InvariantCulture, out var user)
            || !ulong.TryParse(fields[SystemTime], CultureInfo.InvariantCulture, out var system))
        {
            throw new InvalidOperationException($"{_path} does not have the utime and stime fields of a Linux /proc stat file");
        }

        return TimeSpan.FromTicks(checked((long)(user + system)) * TimeSpan.TicksPerSecond / _ticksPerSecond);
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long Sysconf(int name);
}
