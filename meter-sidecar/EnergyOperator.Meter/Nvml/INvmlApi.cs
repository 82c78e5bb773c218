namespace EnergyOperator.Meter.Nvml;

/// <summary>
/// The read-only NVML calls the meter makes, one method per C function. Behind an interface so the source can be
/// tested with a fake device; the meter never calls an NVML set-function.
/// </summary>
internal interface INvmlApi : IDisposable
{
    NvmlReturn Init();

    NvmlReturn Shutdown();

    NvmlReturn GetDeviceCount(out uint count);

    NvmlReturn GetHandleByIndex(uint index, out nint device);

    NvmlReturn GetHandleByUuid(string uuid, out nint device);

    NvmlReturn GetUuid(nint device, out string uuid);

    NvmlReturn GetName(nint device, out string name);

    /// <summary>Energy since the driver was loaded, in millijoules (Volta and newer).</summary>
    NvmlReturn GetTotalEnergyConsumption(nint device, out ulong millijoules);

    /// <summary>Board power in milliwatts.</summary>
    NvmlReturn GetPowerUsage(nint device, out uint milliwatts);
}
