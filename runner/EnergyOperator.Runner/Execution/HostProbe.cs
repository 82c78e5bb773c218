using System.Runtime.InteropServices;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Runner.Execution;

/// <summary>Describes the machine a benchmark ran on, for the report.</summary>
internal static class HostProbe
{
    public static HostInfo Describe() => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.FrameworkDescription);

    private static string? CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return null;
        }

        return File.ReadLines(CpuInfo)
            .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
            .FirstOrDefault();
    }
}
