namespace EnergyOperator.Controllers;

/// <summary>An informer's read-only view of one kind: what the last list and the watch since then say exists.</summary>
public interface IObjectCache<T>
    where T : class
{
    /// <summary>True once the first list has been stored; reconcile must not run on an unsynced cache.</summary>
    bool HasSynced { get; }

    T? Get(ObjectKey key);

    IReadOnlyList<T> List(string? @namespace = null);

    /// <summary>Objects whose controller owner reference names this uid (runner pods of a benchmark).</summary>
    IReadOnlyList<T> ListOwnedBy(string ownerUid);
}
