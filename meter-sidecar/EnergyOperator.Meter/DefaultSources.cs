using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Estimate;
using EnergyOperator.Meter.Nvml;
using EnergyOperator.Meter.Rapl;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter;

/// <summary>Builds the real sources from the options.</summary>
internal static class DefaultSources
{
    public static IEnergySource Create(MeterKind kind, EnergyMeterOptions options) => kind switch
    {
        MeterKind.Nvml => NvmlSource.Create(
            GpuSelection.Resolve(options.Gpus, Environment.GetEnvironmentVariable(GpuSelection.VisibleDevicesVariable))),
        MeterKind.Rapl => new RaplSource(options.PowercapRoot, PhysicalZoneFileReader.Instance),
        MeterKind.Estimate => new CpuTimeEstimateSource(
            options switch
            {
                { EstimateOtherProcesses: true } => new OtherProcessesCpuTime(),
                { EstimateProcessId: { } processId } => new ProcStatCpuTime(processId),
                _ => new CurrentProcessCpuTime(),
            },
            options.WattsPerCore),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Auto is resolved into concrete sources by the meter."),
    };
}
