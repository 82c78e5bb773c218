using Prometheus;

namespace EnergyOperator.Controllers.Instrumentation;

/// <summary>The families the controller runtime updates, named after controller-runtime's where one exists.</summary>
internal sealed class RuntimeMetrics(IMetricFactory factory)
{
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public Counter ReconcileTotal { get; } = factory.CreateCounter(
        "energy_operator_reconcile_total", "Reconciles by controller and result (success, requeue, conflict, error, terminal).", ["controller", "result"]);

    public Histogram ReconcileDuration { get; } = factory.CreateHistogram(
        "energy_operator_reconcile_duration_seconds", "Time one reconcile took.", ["controller"], new HistogramConfiguration { Buckets = DurationBuckets });

    public Gauge QueueDepth { get; } = factory.CreateGauge(
        "energy_operator_workqueue_depth", "Keys waiting to be reconciled (not counting delayed ones).", ["controller"]);

    public Counter WatchRestarts { get; } = factory.CreateCounter(
        "energy_operator_watch_restarts_total", "Informer watch restarts by kind and reason (closed, stalled, gone, error).", ["kind", "reason"]);

    /// <summary>Where a component was given no factory: a registry of its own, so that nothing leaks into the process-wide one.</summary>
    public static IMetricFactory Private() => Metrics.WithCustomRegistry(Metrics.NewCustomRegistry());
}
