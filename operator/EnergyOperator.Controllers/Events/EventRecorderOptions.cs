namespace EnergyOperator.Controllers.Events;

public sealed class EventRecorderOptions
{
    /// <summary>The <c>source.component</c> and <c>reportingComponent</c> of every event. Default <c>energy-operator</c>.</summary>
    public string Component { get; set; } = "energy-operator";

    /// <summary>The <c>reportingInstance</c>, e.g. the pod name; null leaves it unset. Default null.</summary>
    public string? Instance { get; set; }

    /// <summary>
    /// A repeat of the same (object, type, reason, message) within this window bumps the existing event's count instead of
    /// creating a new event. Default 10 min (client-go's aggregation window).
    /// </summary>
    public TimeSpan AggregationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Attempts per event write when the server fails it with a 5xx or the connection breaks. Creates are safe to repeat:
    /// each event has a unique name, so a create that got through before its answer was lost answers AlreadyExists. Default 3.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause before the second attempt; doubles per attempt. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
