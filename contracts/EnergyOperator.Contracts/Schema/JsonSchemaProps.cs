using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EnergyOperator.Contracts.Schema;

/// <summary>
/// The subset of apiextensions.k8s.io/v1 <c>JSONSchemaProps</c> the generator emits. Declaration order is the YAML key order.
/// </summary>
internal sealed record JsonSchemaProps
{
    public string? Type { get; init; }
    public string? Format { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<JsonNode?>? Enum { get; init; }
    public JsonNode? Default { get; init; }
    public double? Minimum { get; init; }
    public bool? ExclusiveMinimum { get; init; }
    public double? Maximum { get; init; }
    public bool? ExclusiveMaximum { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    public JsonSchemaProps? Items { get; init; }
    public JsonSchemaProps? AdditionalProperties { get; init; }
    public IReadOnlyDictionary<string, JsonSchemaProps>? Properties { get; init; }
    public IReadOnlyList<string>? Required { get; init; }

    [JsonPropertyName("x-kubernetes-validations")]
    public IReadOnlyList<ValidationRule>? Validations { get; init; }
}

/// <summary>A CEL rule the API server evaluates on the object the schema node describes.</summary>
internal sealed record ValidationRule(string Rule, string Message);
