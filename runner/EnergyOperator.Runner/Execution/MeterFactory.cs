using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution;

/// <summary>Maps <c>spec.measurement</c> to the meter's options.</summary>
internal static class MeterFactory
{
    public static EnergyMeterOptions Options(MeasurementSpec spec) => new()
    {
        Sources = [.. spec.Meters],
        SampleInterval = TimeSpan.FromMilliseconds(spec.SampleIntervalMs),
        WattsPerCore = spec.EstimateWattsPerCore,
    };
}
