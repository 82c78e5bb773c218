using System.Text.Json.Serialization;

namespace EnergyOperator.Contracts.Schema;

/// <summary>The subset of an apiextensions.k8s.io/v1 <c>CustomResourceDefinition</c> this project needs.</summary>
internal sealed record CustomResourceDefinition(CrdMetadata Metadata, CrdSpec Spec)
{
    [JsonPropertyOrder(-1)]
    public string ApiVersion => "apiextensions.k8s.io/v1";

    [JsonPropertyOrder(-1)]
    public string Kind => "CustomResourceDefinition";
}

internal sealed record CrdMetadata(string Name);

internal sealed record CrdSpec(string Group, CrdNames Names, string Scope, IReadOnlyList<CrdVersion> Versions);

internal sealed record CrdNames(
    string Kind,
    string ListKind,
    string Plural,
    string Singular,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories);

internal sealed record CrdVersion(
    string Name,
    bool Served,
    bool Storage,
    CrdSubresources Subresources,
    IReadOnlyList<PrinterColumn> AdditionalPrinterColumns,
    CrdValidation Schema);

/// <summary>Only <c>status</c>: the operator writes it through <c>/status</c>, so users' applies never overwrite it.</summary>
internal sealed record CrdSubresources(StatusSubresource Status);

/// <summary>Serializes as <c>{}</c>: enabling the subresource takes no settings.</summary>
internal sealed record StatusSubresource;

internal sealed record CrdValidation(JsonSchemaProps OpenAPIV3Schema);

internal sealed record PrinterColumn(string Name, string Type, string JsonPath);
