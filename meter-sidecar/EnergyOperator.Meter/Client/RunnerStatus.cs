using System.Text.Json.Serialization;

namespace EnergyOperator.Meter.Client;

/// <summary>How the runner ended, as it tells the sidecar through <c>POST /v1/finish</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunnerStatus>))]
public enum RunnerStatus
{
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
}
