namespace EnergyOperator.Meter.Nvml;

/// <summary>Decides which GPUs the meter measures.</summary>
internal static class GpuSelection
{
    public const string VisibleDevicesVariable = "NVIDIA_VISIBLE_DEVICES";

    /// <summary>
    /// The configured GPUs when any; otherwise the UUIDs in <c>NVIDIA_VISIBLE_DEVICES</c> (the GPUs a pod was given);
    /// otherwise empty, meaning every GPU NVML sees. Indices, <c>all</c> or MIG ids in the variable also mean every GPU:
    /// inside the container NVML already sees only the devices they name.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> configured, string? visibleDevices)
    {
        var selected = configured.Select(gpu => gpu.Trim()).Where(gpu => gpu.Length > 0).ToArray();
        if (selected.Length > 0)
        {
            return selected;
        }

        var visible = (visibleDevices ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return visible.Length > 0 && visible.All(IsUuid) ? visible : [];
    }

    public static bool IsUuid(string gpu) => gpu.StartsWith("GPU-", StringComparison.OrdinalIgnoreCase);
}
