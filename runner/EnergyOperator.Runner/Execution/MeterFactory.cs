using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;
using EnergyOperator.Meter.Client;

namespace EnergyOperator.Runner.Execution;

/// <summary>Maps <c>spec.measurement</c> to a meter.</summary>
internal static class MeterFactory
{
    /// <summary>
    /// In-process by default; through the sidecar when <see cref="RunnerOptions.MeterUrl"/> is set, in which case the sidecar's
    /// own configuration (its sources, interval, GPUs) applies and <c>spec.measurement</c> is what the operator gave it.
    /// </summary>
    public static IEnergyMeter Create(MeasurementSpec spec, RunnerOptions options) => options.MeterUrl is { } url
        ? new SidecarMeter(new SidecarMeterOptions { BaseAddress = url, ReadyTimeout = options.MeterReadyTimeout })
        : new EnergyMeter(Options(spec));

    public static EnergyMeterOptions Options(MeasurementSpec spec) => new()
    {
        Sources = [.. spec.Meters],
        SampleInterval = TimeSpan.FromMilliseconds(spec.SampleIntervalMs),
        WattsPerCore = spec.EstimateWattsPerCore,
    };
}
