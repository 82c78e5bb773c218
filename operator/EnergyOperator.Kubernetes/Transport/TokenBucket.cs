namespace EnergyOperator.Kubernetes.Transport;

/// <summary>
/// A token bucket that reserves: a caller beyond the burst takes a token on credit and waits until it would have
/// refilled, so waiters are served in arrival order without a background timer. Ours rather than the BCL's
/// <c>TokenBucketRateLimiter</c>, which refills on the real clock even when replenished by hand, so it cannot run on a
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _tokensPerSecond;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double tokensPerSecond, int burst, TimeProvider time)
    {
        _tokensPerSecond = tokensPerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _lastRefill = time.GetTimestamp();
    }

    public Task AcquireAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _tokensPerSecond));
            _lastRefill = now;
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return Task.CompletedTask;
            }

            wait = TimeSpan.FromSeconds(-_tokens / _tokensPerSecond);
        }

        return WaitAsync(wait, cancellationToken);
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _tokens += 1;
            }

            throw;
        }
    }
}
