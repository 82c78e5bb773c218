using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>Names one kind on the API server and how to (de)serialize it.</summary>
/// <param name="Group">The API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Metadata">Reads the object's metadata: the name for replace, the resourceVersion for watches.</param>
public sealed record ResourceDescriptor<T>(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    JsonTypeInfo<T> TypeInfo,
    Func<T, V1ObjectMeta> Metadata)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>/api/v1[/namespaces/{ns}]/{plural}</c> or <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}</c>.</summary>
    internal string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return @namespace is null ? $"{root}/{Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }
}
