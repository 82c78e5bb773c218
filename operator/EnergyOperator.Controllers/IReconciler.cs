namespace EnergyOperator.Controllers;

/// <summary>
/// Level-triggered reconcile: read the object (and what it owns) from the informer caches by key, make the world match its
/// spec, write status. Must be idempotent: it runs again after restarts, resyncs and conflicts. An exception is retried with
/// per-key exponential backoff, except <see cref="TerminalReconcileException"/>.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}

/// <summary>A failure retrying cannot fix (the condition was recorded on the object); the key is forgotten until it changes.</summary>
public sealed class TerminalReconcileException(string message, Exception? inner = null) : Exception(message, inner);
