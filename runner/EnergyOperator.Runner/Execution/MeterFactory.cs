using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution;

/// <summary>Maps <c>spec.measurement</c> to a meter.</summary>
internal static class MeterFactory
{
    public static IEnergyMeter Create(MeasurementSpec spec, RunnerOptions options) => new EnergyMeter(Options(spec));

    public static EnergyMeterOptions Options(MeasurementSpec spec) => new()
    {
        Sources = [.. spec.Meters],
        SampleInterval = TimeSpan.FromMilliseconds(spec.SampleIntervalMs),
        WattsPerCore = spec.EstimateWattsPerCore,
    };
}
