namespace EnergyOperator.Kubernetes;

/// <summary>How the client paces, retries and times out its requests.</summary>
public sealed class KubernetesClientOptions
{
    /// <summary>Sustained requests per second (client-go's default is 5; operators commonly raise it). Zero or less disables the limiter. Default 20.</summary>
    public double Qps { get; set; } = 20;

    /// <summary>Requests allowed at once above <see cref="Qps"/>. Default 30.</summary>
    public int Burst { get; set; } = 30;

    /// <summary>Retries after the first attempt, for 429 (any verb) and for 5xx or connection errors (idempotent verbs only). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; doubles each retry, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound on any one retry delay, a server's <c>Retry-After</c> included. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time limit of one call up to its response headers, retries and <c>Retry-After</c> waits included, so a caller is never
    /// held longer (a watch's stream is then bounded by its own timeoutSeconds). Default 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string UserAgent { get; set; } = "energy-operator";

    internal void Validate()
    {
        if (Burst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Burst), Burst, "Burst must be at least 1.");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries cannot be negative.");
        }
    }
}
