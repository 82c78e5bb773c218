namespace EnergyOperator.Controllers.Queue;

/// <summary>Per item: <c>baseDelay · 2^failures</c>, capped at <c>maxDelay</c> (5 ms, 10 ms, 20 ms … 1000 s by default).</summary>
public sealed class ItemExponentialRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    public ItemExponentialRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    public TimeSpan When(T item)
    {
        int exponent;
        lock (_gate)
        {
            exponent = _failures.GetValueOrDefault(item);
            _failures[item] = exponent + 1;
        }

        // Computed in doubles so that a long failure streak saturates at the cap instead of overflowing.
        var delay = _baseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return delay >= _maxDelay.TotalMilliseconds ? _maxDelay : TimeSpan.FromMilliseconds(delay);
    }

    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    public int Failures(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
