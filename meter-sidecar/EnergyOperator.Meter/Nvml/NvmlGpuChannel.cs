using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Nvml;

/// <summary>One GPU: its total-energy counter when supported, else its power for integration.</summary>
internal sealed class NvmlGpuChannel(INvmlApi api, nint device, ChannelDescriptor descriptor) : IEnergyChannel
{
    public ChannelDescriptor Descriptor => descriptor;

    public ChannelSample Read()
    {
        var power = api.GetPowerUsage(device, out var milliwatts);
        double? watts = power == NvmlReturn.Success ? milliwatts / 1000.0 : null;
        if (!descriptor.HasCounter)
        {
            return watts is null
                ? throw new InvalidOperationException($"nvmlDeviceGetPowerUsage returned {power}")
                : new ChannelSample(null, watts);
        }

        var energy = api.GetTotalEnergyConsumption(device, out var millijoules);
        return energy == NvmlReturn.Success
            ? new ChannelSample(millijoules, watts)
            : throw new InvalidOperationException($"nvmlDeviceGetTotalEnergyConsumption returned {energy}");
    }
}
