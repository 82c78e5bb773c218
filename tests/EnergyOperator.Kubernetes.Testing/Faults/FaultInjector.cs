using EnergyOperator.Kubernetes.Testing.Store;
using Microsoft.AspNetCore.WebUtilities;

namespace EnergyOperator.Kubernetes.Testing.Faults;

/// <summary>
/// Makes the double misbehave on purpose: failing requests, cut watches, a compacted history, one by one (<see cref="FailNext"/>)
/// or at random steady rates (<see cref="Chaos"/>).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly ObjectStore _store;
    private ChaosOptions? _chaos;
    private Random _random = new(0);

    internal FaultInjector(ObjectStore store) => _store = store;

    /// <summary>
    /// The next <paramref name="count"/> requests matching <paramref name="match"/> (all when null) fail with
    /// <paramref name="statusCode"/> and a Status body, and with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.
    /// </summary>
    public void FailNext(int count, int statusCode, Func<ApiRequest, bool>? match = null, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(match ?? (_ => true), statusCode, retryAfter) { Remaining = count });
        }
    }

    /// <summary>Random faults from now on; null stops them. Rules from <see cref="FailNext"/> take precedence.</summary>
    public ChaosOptions? Chaos
    {
        get => _chaos;
        set
        {
            lock (_gate)
            {
                _chaos = value;
                _random = new Random(value?.Seed ?? 0);
            }
        }
    }

    /// <summary>
    /// Keeps watch streams open past their <c>timeoutSeconds</c>, as a connection that died without a FIN looks to a
    /// client: nothing ends the stream but the client itself.
    /// </summary>
    public bool IgnoreWatchTimeouts { get; set; }

    /// <summary>Ends every open watch: cleanly (the stream just ends) or, with <paramref name="abort"/>, by resetting the connection.</summary>
    public void CloseWatches(bool abort = false) => _store.CloseWatches(abort);

    /// <summary>Forgets the event history, so that resuming any watch fails with 410 and the client must relist.</summary>
    public void CompactHistory() => _store.CompactHistory();

    internal (int StatusCode, TimeSpan? RetryAfter)? TryTake(ApiRequest request)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && r.Match(request));
            if (rule is null)
            {
                return _chaos is { } chaos ? Draw(chaos, request) : null;
            }

            rule.Remaining--;
            return (rule.StatusCode, rule.RetryAfter);
        }
    }

    /// <summary>When the watch just opened must be reset by chaos; null to leave it.</summary>
    internal TimeSpan? WatchCut()
    {
        lock (_gate)
        {
            return _chaos?.WatchCutAfter is var (min, max) ? min + ((max - min) * _random.NextDouble()) : null;
        }
    }

    internal TimeSpan WatchLag(ResourceKind kind) => _chaos?.WatchLag.GetValueOrDefault(kind.Plural) ?? TimeSpan.Zero;

    private (int StatusCode, TimeSpan? RetryAfter)? Draw(ChaosOptions chaos, ApiRequest request)
    {
        // A watch from "" or "0" starts from the current state; only one from a real version can be too old.
        var resumesWatch = request.IsWatch
            && QueryHelpers.ParseQuery(request.Query).TryGetValue("resourceVersion", out var version) && version.ToString() is not ("" or "0");
        var writesStatus = request.Method is "PUT" or "PATCH" && request.Path.EndsWith("/status", StringComparison.Ordinal);
        var roll = _random.NextDouble();
        if (roll < chaos.ServerErrorRate)
        {
            return (500, null);
        }

        roll -= chaos.ServerErrorRate;
        if (roll < chaos.ThrottleRate)
        {
            return (429, chaos.RetryAfter);
        }

        roll -= chaos.ThrottleRate;
        if (writesStatus && roll < chaos.StatusConflictRate)
        {
            return (409, null);
        }

        roll -= chaos.StatusConflictRate;
        return resumesWatch && roll < chaos.WatchGoneRate ? (410, null) : null;
    }

    private sealed record Rule(Func<ApiRequest, bool> Match, int StatusCode, TimeSpan? RetryAfter)
    {
        public int Remaining { get; set; }
    }
}
