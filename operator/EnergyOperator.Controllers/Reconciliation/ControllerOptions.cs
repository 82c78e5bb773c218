namespace EnergyOperator.Controllers.Reconciliation;

/// <summary>How a controller processes its queue.</summary>
public sealed class ControllerOptions
{
    /// <summary>The name in logs and metrics; null uses the owner kind in lower case. Default null.</summary>
    public string? Name { get; set; }

    /// <summary>Keys reconciled concurrently (never the same key twice at once). Default 2.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How often every cached owner is queued again, to repair anything a missed event left behind; <see cref="TimeSpan.Zero"/> disables. Default 10 min.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay after a key's first failure; doubles per consecutive failure. Default 5 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Cap of a key's retry delay. Default 1000 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>Sustained retries per second across all keys. Default 10.</summary>
    public double RetryQps { get; set; } = 10;

    /// <summary>Retries allowed at once above <see cref="RetryQps"/>. Default 100.</summary>
    public int RetryBurst { get; set; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be at least 1.");
        }

        if (ResyncPeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ResyncPeriod), ResyncPeriod, "ResyncPeriod cannot be negative (zero disables it).");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), RetryBaseDelay, "Retry delays need 0 < RetryBaseDelay ≤ RetryMaxDelay.");
        }

        if (RetryQps <= 0 || RetryBurst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryQps), RetryQps, "RetryQps must be positive and RetryBurst at least 1.");
        }
    }
}
