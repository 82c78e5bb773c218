namespace EnergyOperator.Controllers.Queue;

/// <summary>
/// One bucket for all items (<c>qps</c> sustained, <c>burst</c> at once), so that a mass failure cannot hammer the API
/// server even while each item's own backoff is still short. A retry beyond the burst takes a token on credit and waits
/// until it would have refilled.
/// </summary>
public sealed class TokenBucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly Lock _gate = new();
    private readonly double _qps;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public TokenBucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(qps, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _lastRefill = time.GetTimestamp();
    }

    public TimeSpan When(T item)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _qps));
            _lastRefill = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    public void Forget(T item)
    {
    }

    public int Failures(T item) => 0;
}
