using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Measurement;

namespace EnergyOperator.Meter.Client;

/// <summary>
/// Source-generated JSON for the sidecar's HTTP API and summary, with the contracts' conventions (camelCase, nulls
/// omitted, enums as strings) but compact, because the summary must fit a termination message.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(WindowStartRequest))]
[JsonSerializable(typeof(WindowStarted))]
[JsonSerializable(typeof(WindowRecord[]))]
[JsonSerializable(typeof(WindowMeasurement))]
[JsonSerializable(typeof(MeterSourceStatus[]))]
[JsonSerializable(typeof(FinishRequest))]
[JsonSerializable(typeof(MeterSummary))]
[JsonSerializable(typeof(TruncatedMeterSummary))]
[JsonSerializable(typeof(ProblemResponse))]
public sealed partial class MeterSidecarJsonContext : JsonSerializerContext;
