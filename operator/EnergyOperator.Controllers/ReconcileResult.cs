namespace EnergyOperator.Controllers;

/// <summary>What a reconcile asks of the controller next. Errors are exceptions: the controller retries them with backoff.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => RequeueAfter = requeueAfter;

    /// <summary>Nothing to do until the object or something it owns changes (or the periodic resync).</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>Reconcile again after this delay even if nothing changes (a deadline, a poll). Never dropped by the queue.</summary>
    public static ReconcileResult After(TimeSpan delay) =>
        delay >= TimeSpan.Zero ? new(delay) : throw new ArgumentOutOfRangeException(nameof(delay), delay, "must not be negative");

    public TimeSpan? RequeueAfter { get; }
}
