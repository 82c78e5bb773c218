namespace EnergyOperator.Controllers.Informers;

/// <summary>What an informer lists and watches, and how it paces restarts.</summary>
public sealed class InformerOptions
{
    /// <summary>Watch one namespace; null watches all namespaces (and cluster-scoped kinds). Default null.</summary>
    public string? Namespace { get; set; }

    /// <summary>e.g. <c>app.kubernetes.io/managed-by=energy-operator</c>; null caches every object. Default null.</summary>
    public string? LabelSelector { get; set; }

    /// <summary>Page size of the initial list and relists (paged so that a large kind does not time out). Default 500.</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>
    /// Bounds of each watch's server-side timeout, picked at random per watch so that many informers do not reconnect in
    /// lockstep; below the API server's 300 s cap. Defaults 240 s and 290 s.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; set; } = TimeSpan.FromSeconds(240);

    /// <inheritdoc cref="MinWatchTimeout"/>
    public TimeSpan MaxWatchTimeout { get; set; } = TimeSpan.FromSeconds(290);

    /// <summary>
    /// How long past its own timeout a watch may stay open before the informer drops it as a dead connection and resumes
    /// from the last version seen: a connection lost without a FIN never ends the stream, so the server's timeout alone
    /// cannot. Default 30 s.
    /// </summary>
    public TimeSpan WatchGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay after a failed list or watch; doubles per consecutive failure, with ±20 % jitter. Default 0.8 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Cap of the backoff delay. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (ListPageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ListPageSize), ListPageSize, "ListPageSize must be at least 1.");
        }

        if (MinWatchTimeout < TimeSpan.FromSeconds(1) || MaxWatchTimeout < MinWatchTimeout || MaxWatchTimeout > TimeSpan.FromSeconds(290))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWatchTimeout), MaxWatchTimeout, "Watch timeouts need 1 s ≤ MinWatchTimeout ≤ MaxWatchTimeout ≤ 290 s.");
        }

        if (WatchGracePeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WatchGracePeriod), WatchGracePeriod, "WatchGracePeriod must be positive.");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialBackoff), InitialBackoff, "Backoff needs 0 < InitialBackoff ≤ MaxBackoff.");
        }
    }
}
