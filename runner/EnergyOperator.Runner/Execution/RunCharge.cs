using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Runner.Execution;

internal static class RunCharge
{
    /// <summary>
    /// What a run is charged for. Under <c>meters: [auto]</c> a run that uses no GPU is charged for none, as its pod on a cluster
    /// would see none: on a machine that also has GPUs, their idle draw (79 W for an H200) would otherwise land on CPU runs.
    /// A manifest that names its meters gets every reading they take.
    /// </summary>
    public static WindowMeasurement Of(RunPlan plan, MeasurementSpec measurement, WindowMeasurement window) =>
        plan.UsesGpu || measurement.Meters is not [MeterKind.Auto] ? window : window.WithoutGpus();
}
