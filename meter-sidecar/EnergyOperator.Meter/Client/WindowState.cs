using System.Text.Json.Serialization;

namespace EnergyOperator.Meter.Client;

/// <summary>Where a sidecar window stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowState>))]
public enum WindowState
{
    /// <summary>Started and not yet stopped.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Stopped with a measurement.</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,

    /// <summary>Stopped, but a sensor failed inside it: it has an error and no measurement.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
