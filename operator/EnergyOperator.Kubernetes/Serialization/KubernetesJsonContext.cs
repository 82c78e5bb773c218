using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyOperator.Kubernetes.Models;

namespace EnergyOperator.Kubernetes.Serialization;

/// <summary>Source-generated JSON for the core types, with the API's conventions (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Pod))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
