namespace EnergyOperator.Operator.Runtime.Metrics;

/// <summary>The families the controller runtime updates, named after controller-runtime's where one exists.</summary>
internal sealed class RuntimeMetrics(IOperatorMetrics registry)
{
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public MetricCounter ReconcileTotal { get; } =
        registry.Counter("energy_operator_reconcile_total", "Reconciles by controller and result (success, requeue, conflict, error, terminal).", "controller", "result");

    public MetricHistogram ReconcileDuration { get; } =
        registry.Histogram("energy_operator_reconcile_duration_seconds", "Time one reconcile took.", DurationBuckets, "controller");

    public MetricGauge QueueDepth { get; } =
        registry.Gauge("energy_operator_workqueue_depth", "Keys waiting to be reconciled (not counting delayed ones).", "controller");

    public MetricCounter WatchRestarts { get; } =
        registry.Counter("energy_operator_watch_restarts_total", "Informer watch restarts by kind and reason (closed, stalled, gone, error).", "kind", "reason");
}
