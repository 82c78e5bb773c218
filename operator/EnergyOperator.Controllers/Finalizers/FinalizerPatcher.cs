using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Resources;
using k8s.Models;

namespace EnergyOperator.Controllers.Finalizers;

/// <summary>
/// Adds and removes finalizers with a JSON Patch that first tests <c>metadata.resourceVersion</c>: a patch computed
/// from a stale view fails (422, or 409) instead of clobbering finalizers someone else changed meanwhile. The caller
/// requeues and retries from the fresh object.
/// </summary>
public sealed class FinalizerPatcher<T>(KubernetesClient client, ResourceDescriptor<T> descriptor)
{
    public static bool Has(V1ObjectMeta metadata, string finalizer) => metadata.Finalizers?.Contains(finalizer) == true;

    /// <summary>The object with <paramref name="finalizer"/> added; unchanged (no request) when it already has it.</summary>
    /// <exception cref="InvalidOperationException">The object is being deleted: the API server forbids new finalizers then.</exception>
    public async Task<T> AddAsync(T item, string finalizer, CancellationToken cancellationToken)
    {
        var metadata = descriptor.Metadata(item);
        if (Has(metadata, finalizer))
        {
            return item;
        }

        if (metadata.DeletionTimestamp is not null)
        {
            throw new InvalidOperationException(
                $"{descriptor.Kind} {ObjectKey.Of(metadata)} is being deleted; finalizer '{finalizer}' must not be added now (clean up and remove finalizers instead).");
        }

        var add = metadata.Finalizers is null
            ? JsonPatchOperation.Add("/metadata/finalizers", new JsonArray(finalizer))
            : JsonPatchOperation.Add("/metadata/finalizers/-", finalizer);
        return await PatchAsync(metadata, add, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The object without <paramref name="finalizer"/>; unchanged (no request) when it does not have it.</summary>
    public async Task<T> RemoveAsync(T item, string finalizer, CancellationToken cancellationToken)
    {
        var metadata = descriptor.Metadata(item);
        var index = metadata.Finalizers?.ToList().IndexOf(finalizer) ?? -1;
        if (index < 0)
        {
            return item;
        }

        // Removing by index is safe only because the resourceVersion test pins the array we computed it from.
        return await PatchAsync(metadata, JsonPatchOperation.Remove($"/metadata/finalizers/{index}"), cancellationToken).ConfigureAwait(false);
    }

    private Task<T> PatchAsync(V1ObjectMeta metadata, JsonPatchOperation operation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(metadata.ResourceVersion))
        {
            throw new ArgumentException($"{descriptor.Kind} {metadata.Name} has no metadata.resourceVersion; patch finalizers on an object read from the server.", nameof(metadata));
        }

        var objects = descriptor.Namespaced ? client.Namespaced(descriptor, metadata.NamespaceProperty ?? client.DefaultNamespace) : client.All(descriptor);
        var patch = KubernetesPatch.Json(JsonPatchOperation.Test("/metadata/resourceVersion", metadata.ResourceVersion), operation);
        return objects.PatchAsync(metadata.Name!, patch, cancellationToken);
    }
}
