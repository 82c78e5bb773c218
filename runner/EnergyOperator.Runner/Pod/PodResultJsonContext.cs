using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Runner.Pod;

/// <summary>
/// <see cref="RunResult"/> as the contracts write it (camelCase, nulls omitted) but unindented: the termination message has
/// 4,096 bytes and whitespace should not cost detail.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class PodResultJsonContext : JsonSerializerContext;
