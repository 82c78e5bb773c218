using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes.Resources;

namespace EnergyOperator.Kubernetes.Testing;

/// <summary>
/// A kind the double serves. With <see cref="HasStatusSubresource"/>, main-resource writes ignore <c>status</c> and <c>/status</c>
/// writes change only it. With a <see cref="Schema"/> (a CRD's <c>openAPIV3Schema</c>), every write is defaulted, pruned and
/// validated against it, as for a custom resource.
/// </summary>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural, bool Namespaced, bool HasStatusSubresource, JsonObject? Schema = null)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>plural.group</c>, as the API names it in messages.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static ResourceKind From<T>(ResourceDescriptor<T> descriptor, bool hasStatusSubresource, JsonObject? schema = null) =>
        new(descriptor.Group, descriptor.Version, descriptor.Kind, descriptor.Plural, descriptor.Namespaced, hasStatusSubresource, schema);
}
