namespace EnergyOperator.Controllers.Queue;

/// <summary>The longest delay any of its limiters asks for; every limiter counts every failure.</summary>
public sealed class MaxOfRateLimiter<T>(params IRateLimiter<T>[] limiters) : IRateLimiter<T>
{
    public TimeSpan When(T item) => limiters.Select(l => l.When(item)).Max();

    public void Forget(T item)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    public int Failures(T item) => limiters.Max(l => l.Failures(item));
}
