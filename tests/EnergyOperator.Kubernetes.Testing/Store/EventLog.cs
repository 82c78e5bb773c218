namespace EnergyOperator.Kubernetes.Testing.Store;

/// <summary>
/// The bounded history that watches resume from, and the open watches. Not thread-safe: the store calls it under its lock,
/// so that an event is recorded and fanned out in the same step as the write that caused it.
/// </summary>
internal sealed class EventLog(int capacity)
{
    private readonly Queue<StoreEvent> _history = new();
    private readonly List<WatchSubscription> _subscriptions = [];

    /// <summary>Every event after this resourceVersion is still held; a watch from an older version gets 410.</summary>
    public long CompactedThrough { get; private set; }

    public IReadOnlyList<WatchSubscription> Subscriptions => _subscriptions;

    public void Publish(StoreEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > capacity)
        {
            CompactedThrough = _history.Dequeue().ResourceVersion;
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.Kind == change.Kind)
            {
                subscription.Offer(change);
            }
        }
    }

    public IEnumerable<StoreEvent> Since(ResourceKind kind, long resourceVersion) =>
        _history.Where(e => e.Kind == kind && e.ResourceVersion > resourceVersion);

    public void Compact(long through)
    {
        _history.Clear();
        CompactedThrough = through;
    }

    public void Subscribe(WatchSubscription subscription) => _subscriptions.Add(subscription);

    public void Unsubscribe(WatchSubscription subscription) => _subscriptions.Remove(subscription);
}
