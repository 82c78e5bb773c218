using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Contracts.Schema;

/// <summary>Turns the CRD records into the JSON tree the YAML writer walks; nulls are left out, as Kubernetes writes them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CustomResourceDefinition))]
internal sealed partial class CrdJsonContext : JsonSerializerContext;
