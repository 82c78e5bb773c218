using EnergyOperator.Kubernetes.Testing.Store;

namespace EnergyOperator.Kubernetes.Testing.Faults;

/// <summary>Makes the double misbehave on purpose: failing requests, cut watches, a compacted history.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly ObjectStore _store;

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
                return null;
            }

            rule.Remaining--;
            return (rule.StatusCode, rule.RetryAfter);
        }
    }

    private sealed record Rule(Func<ApiRequest, bool> Match, int StatusCode, TimeSpan? RetryAfter)
    {
        public int Remaining { get; set; }
    }
}
