namespace EnergyOperator.Controllers.Queue;

/// <summary>Decides how long a failed item waits before its next attempt.</summary>
public interface IRateLimiter<in T>
{
    /// <summary>The delay for the item's next retry; counts a failure.</summary>
    TimeSpan When(T item);

    /// <summary>The item succeeded (or gave up): its next failure starts from the base delay again.</summary>
    void Forget(T item);

    /// <summary>Failures counted since the last <see cref="Forget"/>.</summary>
    int Failures(T item);
}
