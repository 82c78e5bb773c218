using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EnergyOperator.Contracts.Validation;
using k8s.Models;

namespace EnergyOperator.Contracts.Schema;

/// <summary>
/// Describes contract types as a structural OpenAPI v3 schema. It reads the serializer's own metadata (property names, order,
/// element types, <c>required</c> members) so the schema matches what the JSON converters read and write, and the same
/// DataAnnotations attributes <see cref="SpecValidator"/> enforces.
/// </summary>
internal sealed class OpenApiSchemaGenerator(JsonSerializerOptions options)
{
    /// <param name="withDefaults">
    /// Emit <c>default:</c> for the scalar and list-of-scalar property values of a freshly constructed instance. Only for what users
    /// write: a status is never defaulted.
    /// </param>
    public V1JSONSchemaProps Describe(Type type, bool withDefaults)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new() { Type = "string" };
        }

        if (type == typeof(int))
        {
            return new() { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new() { Type = "integer", Format = "int64" };
        }

        if (type == typeof(double))
        {
            return new() { Type = "number" };
        }

        if (type == typeof(bool))
        {
            return new() { Type = "boolean" };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new() { Type = "string", Format = "date-time" };
        }

        if (type.IsEnum)
        {
            // Through the converter, so the schema lists exactly the strings a manifest may contain.
            return new() { Type = "string", EnumProperty = Enum.GetValues(type).Cast<object>().Select(v => (object)JsonSerializer.SerializeToNode(v, type, options)!).ToList() };
        }

        if (type == typeof(V1ObjectMeta))
        {
            // The API server owns and validates metadata; a CRD schema may not describe it.
            return new() { Type = "object" };
        }

        var typeInfo = options.GetTypeInfo(type);
        return typeInfo.Kind switch
        {
            JsonTypeInfoKind.Enumerable => new() { Type = "array", Items = Describe(typeInfo.ElementType!, withDefaults) },
            JsonTypeInfoKind.Dictionary when typeInfo.KeyType == typeof(string) =>
                new() { Type = "object", AdditionalProperties = Describe(typeInfo.ElementType!, withDefaults) },
            JsonTypeInfoKind.Object => DescribeObject(typeInfo, withDefaults),
            _ => throw new NotSupportedException($"{type}: no OpenAPI mapping; add one to {nameof(OpenApiSchemaGenerator)}."),
        };
    }

    private V1JSONSchemaProps DescribeObject(JsonTypeInfo typeInfo, bool withDefaults)
    {
        var instance = withDefaults ? typeInfo.CreateObject?.Invoke() : null;
        var properties = new OrderedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        // [JsonIgnore] members stay in the metadata without accessors: nothing the serializer reads or writes belongs in the schema.
        foreach (var property in typeInfo.Properties.Where(p => p.Get is not null || p.Set is not null))
        {
            var member = property.AttributeProvider as MemberInfo
                ?? throw new NotSupportedException($"{typeInfo.Type.Name}.{property.Name}: the serializer exposes no member to read attributes from.");
            var validations = member.GetCustomAttributes<ValidationAttribute>().ToList();
            // Describe builds a fresh schema on every call, so it is ours to complete in place.
            var schema = Describe(property.PropertyType, withDefaults);
            schema.Description = member.GetCustomAttribute<DescriptionAttribute>()?.Description;
            foreach (var attribute in validations)
            {
                Constrain(schema, attribute, $"{typeInfo.Type.Name}.{member.Name}");
            }

            if (member.GetCustomAttribute<ItemRangeAttribute>() is { } itemRange && schema.Items is V1JSONSchemaProps items)
            {
                items.Minimum = itemRange.Minimum;
                items.Maximum = itemRange.Maximum;
            }

            if (instance is not null && property.Set is not null && IsScalarOrScalarList(schema)
                && property.Get?.Invoke(instance) is { } value
                && validations.All(v => v.IsValid(value)))
            {
                // A placeholder such as Name = "" fails its own [Required]: it is not a default, the user must set the field.
                schema.DefaultProperty = JsonSerializer.SerializeToNode(value, property.PropertyType, options);
            }

            properties.Add(property.Name, schema);
            if (property.IsRequired || validations.OfType<RequiredAttribute>().Any())
            {
                required.Add(property.Name);
            }
        }

        return new()
        {
            Type = "object",
            Properties = properties,
            Required = required.Count > 0 ? required : null,
            XKubernetesValidations = typeInfo.Type.GetCustomAttribute<ExactlyOneOfAttribute>() is { } union ? [ExactlyOneOfRule(typeInfo, union)] : null,
        };
    }

    private static V1ValidationRule ExactlyOneOfRule(JsonTypeInfo typeInfo, ExactlyOneOfAttribute union)
    {
        var names = union.PropertyNames
            .Select(name => typeInfo.Properties.SingleOrDefault(p => (p.AttributeProvider as MemberInfo)?.Name == name)?.Name
                ?? throw new NotSupportedException($"{typeInfo.Type.Name}: [ExactlyOneOf] names '{name}', which is not a serialized property."))
            .ToList();
        return new()
        {
            Rule = $"[{string.Join(", ", names.Select(n => $"has(self.{n})"))}].filter(x, x).size() == 1",
            Message = $"set exactly one of {ExactlyOneOfAttribute.Choices(names)}",
        };
    }

    private void Constrain(V1JSONSchemaProps schema, ValidationAttribute attribute, string member)
    {
        switch (attribute)
        {
            // DataAnnotations' [Required] also rejects an empty string; a CRD's required only asks for the key.
            case RequiredAttribute { AllowEmptyStrings: false } when schema is { Type: "string", MinLength: null }:
                schema.MinLength = 1;
                break;
            case RequiredAttribute:
                break;
            case RangeAttribute range:
                schema.Minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                schema.ExclusiveMinimum = range.MinimumIsExclusive ? true : null;
                schema.Maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                schema.ExclusiveMaximum = range.MaximumIsExclusive ? true : null;
                break;
            case MinLengthAttribute min when schema.Type == "array":
                schema.MinItems = min.Length;
                break;
            case MinLengthAttribute min when schema.Type == "string":
                schema.MinLength = min.Length;
                break;
            case MaxLengthAttribute max when schema.Type == "array":
                schema.MaxItems = max.Length;
                break;
            case MaxLengthAttribute max when schema.Type == "string":
                schema.MaxLength = max.Length;
                break;
            case RegularExpressionAttribute regex when schema.Type == "string":
                schema.Pattern = regex.Pattern;
                break;
            case AllowedValuesAttribute allowed:
                schema.EnumProperty = allowed.Values.Select(v => v is null ? null : (object?)JsonSerializer.SerializeToNode(v, v.GetType(), options)).ToList()!;
                break;
            default:
                throw new NotSupportedException(
                    $"{member}: [{attribute.GetType().Name}] on a {schema.Type} has no CRD equivalent; map it in {nameof(OpenApiSchemaGenerator)} "
                    + $"or check it in {nameof(SpecValidator)}'s cross-field rules.");
        }
    }

    private static bool IsScalarOrScalarList(V1JSONSchemaProps schema) =>
        schema.Type is "string" or "integer" or "number" or "boolean"
        || schema is { Type: "array", Items: V1JSONSchemaProps { Type: "string" or "integer" or "number" or "boolean" } };
}
