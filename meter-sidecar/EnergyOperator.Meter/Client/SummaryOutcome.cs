using System.Text.Json.Serialization;

namespace EnergyOperator.Meter.Client;

/// <summary>How the run the sidecar metered ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SummaryOutcome>))]
public enum SummaryOutcome
{
    /// <summary>The runner called finish with <c>succeeded</c>.</summary>
    [JsonStringEnumMemberName("finished")] Finished,

    /// <summary>The runner called finish with <c>failed</c>.</summary>
    [JsonStringEnumMemberName("runnerFailed")] RunnerFailed,

    /// <summary>The sidecar was stopped (SIGTERM) before the runner called finish: the runner died or was killed.</summary>
    [JsonStringEnumMemberName("terminated")] Terminated,
}
