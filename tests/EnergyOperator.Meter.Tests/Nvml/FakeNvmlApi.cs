using EnergyOperator.Meter.Nvml;

namespace EnergyOperator.Meter.Tests.Nvml;

/// <summary>NVML with devices the test controls; handles are index + 1.</summary>
internal sealed class FakeNvmlApi(params FakeGpu[] gpus) : INvmlApi
{
    public NvmlReturn InitResult { get; init; } = NvmlReturn.Success;

    public int Initialized { get; private set; }

    public bool Disposed { get; private set; }

    public NvmlReturn Init()
    {
        if (InitResult == NvmlReturn.Success)
        {
            Initialized++;
        }

        return InitResult;
    }

    public NvmlReturn Shutdown()
    {
        Initialized--;
        return NvmlReturn.Success;
    }

    public NvmlReturn GetDeviceCount(out uint count)
    {
        count = (uint)gpus.Length;
        return NvmlReturn.Success;
    }

    public NvmlReturn GetHandleByIndex(uint index, out nint device)
    {
        device = index < gpus.Length ? (nint)(index + 1) : 0;
        return device == 0 ? NvmlReturn.InvalidArgument : NvmlReturn.Success;
    }

    public NvmlReturn GetHandleByUuid(string uuid, out nint device)
    {
        device = Array.FindIndex(gpus, g => g.Uuid == uuid) + 1;
        return device == 0 ? NvmlReturn.NotFound : NvmlReturn.Success;
    }

    public NvmlReturn GetUuid(nint device, out string uuid)
    {
        uuid = Gpu(device).Uuid;
        return NvmlReturn.Success;
    }

    public NvmlReturn GetName(nint device, out string name)
    {
        name = Gpu(device).Name;
        return NvmlReturn.Success;
    }

    public NvmlReturn GetTotalEnergyConsumption(nint device, out ulong millijoules)
    {
        var gpu = Gpu(device);
        millijoules = gpu.EnergyMillijoules;
        return gpu.EnergyResult;
    }

    public NvmlReturn GetPowerUsage(nint device, out uint milliwatts)
    {
        var gpu = Gpu(device);
        milliwatts = gpu.PowerMilliwatts;
        return gpu.PowerResult;
    }

    public void Dispose() => Disposed = true;

    private FakeGpu Gpu(nint device) => gpus[device - 1];
}

internal sealed class FakeGpu(string uuid, string name = "NVIDIA H100 80GB HBM3")
{
    public string Uuid => uuid;

    public string Name => name;

    public ulong EnergyMillijoules { get; set; }

    public NvmlReturn EnergyResult { get; init; } = NvmlReturn.Success;

    public uint PowerMilliwatts { get; set; }

    public NvmlReturn PowerResult { get; init; } = NvmlReturn.Success;
}
