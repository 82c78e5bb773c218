using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// What a run is charged for. Under <c>meters: [auto]</c> a run that uses no GPU is charged for none, as its pod on a cluster
/// would see none: on a machine that also has GPUs, their idle draw (79 W for an H200) would otherwise land on CPU runs.
/// A manifest that names its meters gets every reading they take.
/// </summary>
internal static class RunCharge
{
    public static WindowMeasurement Of(RunPlan plan, MeasurementSpec measurement, WindowMeasurement window) =>
        plan.UsesGpu || measurement.Meters is not [MeterKind.Auto] ? window : window.WithoutGpus();

    /// <summary>The meter as one run sees it: every window it closes is charged by <see cref="Of"/>.</summary>
    public static IEnergyMeter Meter(RunPlan plan, MeasurementSpec measurement, IEnergyMeter meter) => new ChargedMeter(plan, measurement, meter);

    private sealed class ChargedMeter(RunPlan plan, MeasurementSpec measurement, IEnergyMeter meter) : IEnergyMeter
    {
        public Task StartAsync(CancellationToken cancellationToken = default) => meter.StartAsync(cancellationToken);

        public async Task<IMeterWindow> StartWindowAsync(string phase, CancellationToken cancellationToken = default) =>
            new ChargedWindow(window => Of(plan, measurement, window), await meter.StartWindowAsync(phase, cancellationToken));

        public Task<IReadOnlyList<MeterSourceStatus>> DescribeAsync(CancellationToken cancellationToken = default) => meter.DescribeAsync(cancellationToken);

        // The session owns the meter; a run's view of it closes nothing.
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class ChargedWindow(Func<WindowMeasurement, WindowMeasurement> charge, IMeterWindow window) : IMeterWindow
        {
            public string Phase => window.Phase;

            public async Task<WindowMeasurement> StopAsync(CancellationToken cancellationToken = default) => charge(await window.StopAsync(cancellationToken));
        }
    }
}
