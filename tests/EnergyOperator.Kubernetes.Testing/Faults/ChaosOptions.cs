namespace EnergyOperator.Kubernetes.Testing.Faults;

/// <summary>
/// Random faults at steady rates, drawn from one seeded generator so that a failing seed can be replayed (request timing
/// still varies between runs). Each rate is the probability per matching request.
/// </summary>
public sealed record ChaosOptions
{
    public int Seed { get; init; }

    /// <summary>Any request fails with 500 InternalError.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Any request fails with 429 TooManyRequests and <see cref="RetryAfter"/>.</summary>
    public double ThrottleRate { get; init; }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A <c>/status</c> write fails with 409 Conflict, as when another writer got there first.</summary>
    public double StatusConflictRate { get; init; }

    /// <summary>A watch resumed from a resourceVersion fails with 410 Expired, as after etcd compaction.</summary>
    public double WatchGoneRate { get; init; }

    /// <summary>When set, every watch has its connection reset after a random delay between these bounds.</summary>
    public (TimeSpan Min, TimeSpan Max)? WatchCutAfter { get; init; }

    /// <summary>
    /// Watch events of a resource (by plural, e.g. <c>energybenchmarks</c>) reach clients this long after the change: a slow
    /// watch cache. Lagging one kind behind another is what makes a cache show a pod's deletion before the status write
    /// that preceded it.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> WatchLag { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>
    /// The mix the chaos test and the operator bench run under: 5 % 500s, 5 % 429s, 10 % status conflicts, 20 % of watch
    /// resumes gone, every watch cut after 1–3 s.
    /// </summary>
    public static ChaosOptions Standard(int seed) => new()
    {
        Seed = seed,
        ServerErrorRate = 0.05,
        ThrottleRate = 0.05,
        RetryAfter = TimeSpan.FromSeconds(1),
        StatusConflictRate = 0.1,
        WatchGoneRate = 0.2,
        WatchCutAfter = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)),
    };
}
