using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Runner.Execution;

/// <summary>The peak-table entry the FLOPs × TDP baseline uses on this machine, or why there is none.</summary>
internal sealed record AcceleratorEstimate(AcceleratorPeak? Peak, string? Note)
{
    /// <summary>From the GPUs the meter measures (NVML device names); a CPU run gets no estimate.</summary>
    public static AcceleratorEstimate For(ExecutionProvider provider, IEnumerable<string> meterDevices)
    {
        if (provider != ExecutionProvider.Cuda)
        {
            return new(null, "CPU run: the FLOPs × TDP table lists GPUs only, so nothing is estimated");
        }

        var devices = meterDevices.ToList();
        return devices.Select(AcceleratorPeaks.Find).FirstOrDefault(p => p is not null) is { } peak
            ? new(peak, null)
            : new(null, devices.Count == 0
                ? "no GPU name is known (the meter measures no GPU): not estimated"
                : $"GPU {string.Join(", ", devices)} is not in the FLOPs × TDP table (docs/llm.md): not estimated");
    }
}
