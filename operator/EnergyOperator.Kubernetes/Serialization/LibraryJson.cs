using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace EnergyOperator.Kubernetes.Serialization;

/// <summary>
/// Type information for <c>k8s.Models</c> from the library's own serializer settings, so that our resource clients write
/// them exactly as its typed operations do (e.g. a Lease's MicroTime with the six fractional digits the server requires).
/// </summary>
internal static class LibraryJson
{
    // KubernetesJson keeps its options private; AddJsonOptions is the public way to reach them. We only read them.
    private static readonly JsonSerializerOptions Options = Capture();

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Capture()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesJson did not hand over its serializer options.");
    }
}
