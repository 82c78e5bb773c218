using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Serialization;
using k8s;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>Typed verbs on one kind, scoped to one namespace or to all (see <see cref="KubernetesClient"/>).</summary>
public sealed class ResourceClient<T>
{
    private readonly KubernetesClient _client;
    private readonly ResourceDescriptor<T> _descriptor;
    private readonly string? _namespace;

    internal ResourceClient(KubernetesClient client, ResourceDescriptor<T> descriptor, string? @namespace)
    {
        _client = client;
        _descriptor = descriptor;
        _namespace = @namespace;
    }

    public ResourceDescriptor<T> Descriptor => _descriptor;

    /// <summary>The namespace of this client; null for cluster-scoped kinds and all-namespaces clients.</summary>
    public string? Namespace => _namespace;

    public async Task<T> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, ObjectPath(name), null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return default;
        }
    }

    public async Task<ResourceList<T>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var query = new QueryBuilder()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options.Continue);
        using var response = await SendAsync(HttpMethod.Get, _descriptor.CollectionPath(_namespace) + query, null, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);

        var metadata = document.RootElement.TryGetProperty("metadata", out var meta)
            ? KubernetesJson.Deserialize<V1ListMeta>(meta)
            : null;
        var items = new List<T>();
        var unreadable = new List<UnreadableObject>();
        if (document.RootElement.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in array.EnumerateArray())
            {
                if (TryRead(element, out var item, out var bad))
                {
                    items.Add(item);
                }
                else
                {
                    unreadable.Add(bad);
                }
            }
        }

        return new ResourceList<T>(items, metadata?.ResourceVersion ?? "", string.IsNullOrEmpty(metadata?.ContinueProperty) ? null : metadata.ContinueProperty)
        {
            Unreadable = unreadable,
        };
    }

    /// <summary>Every page of a list; the resourceVersion is the last page's, to watch from.</summary>
    public async Task<ResourceList<T>> ListAllAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var items = new List<T>();
        var unreadable = new List<UnreadableObject>();
        ResourceList<T> page;
        do
        {
            page = await ListAsync(options, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            unreadable.AddRange(page.Unreadable);
            options = options with { Continue = page.Continue };
        }
        while (page.Continue is not null);

        return new ResourceList<T>(items, page.ResourceVersion, null) { Unreadable = unreadable };
    }

    /// <summary>Creates the object in this client's namespace; 409 AlreadyExists when the name is taken.</summary>
    public async Task<T> CreateAsync(T item, CancellationToken cancellationToken = default)
    {
        RequireSingleScope();
        using var response = await SendAsync(HttpMethod.Post, _descriptor.CollectionPath(_namespace), Serialize(item), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the object; with <c>metadata.resourceVersion</c> set, a stale version fails with 409 Conflict.</summary>
    public Task<T> ReplaceAsync(T item, CancellationToken cancellationToken = default) =>
        ReplaceAsync(item, subresource: null, cancellationToken);

    /// <summary>Replaces only <c>status</c>, through the <c>/status</c> subresource.</summary>
    public Task<T> ReplaceStatusAsync(T item, CancellationToken cancellationToken = default) =>
        ReplaceAsync(item, subresource: "status", cancellationToken);

    public Task<T> PatchAsync(string name, KubernetesPatch patch, CancellationToken cancellationToken = default) =>
        PatchPathAsync(ObjectPath(name), patch, cancellationToken);

    /// <summary>Patches only <c>status</c>, through the <c>/status</c> subresource.</summary>
    public Task<T> PatchStatusAsync(string name, KubernetesPatch patch, CancellationToken cancellationToken = default) =>
        PatchPathAsync(ObjectPath(name) + "/status", patch, cancellationToken);

    /// <summary>
    /// Patches <c>status</c> without reading the response: for an object the typed model cannot read (see
    /// <see cref="UnreadableObject"/>), which the typed <see cref="PatchStatusAsync"/> would fail to return.
    /// </summary>
    public async Task PatchStatusUntypedAsync(string name, KubernetesPatch patch, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Patch, ObjectPath(name) + "/status", Json(patch.Body, patch.ContentType), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the object (an object with finalizers is only marked, with <c>deletionTimestamp</c>).
    /// Dependents are garbage-collected per <see cref="V1DeleteOptions.PropagationPolicy"/>; unmet preconditions fail with 409.
    /// </summary>
    public async Task DeleteAsync(string name, V1DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = options is null ? null : Json(KubernetesJson.Serialize(options), "application/json");
        using var response = await SendAsync(HttpMethod.Delete, ObjectPath(name), body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams changes until the server ends the watch (its timeout) or <paramref name="cancellationToken"/> fires.
    /// An object the typed model cannot read arrives as <see cref="WatchEvent{T}.Unreadable"/> and the stream goes on.
    /// A resourceVersion older than the server's history throws <see cref="KubernetesApiException"/> with <c>IsGone</c>: relist.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector);
        using var response = await _client.SendAsync(HttpMethod.Get, _descriptor.CollectionPath(_namespace) + query, null, streaming: true, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                yield return ParseWatchLine(line);
            }
        }
    }

    private WatchEvent<T> ParseWatchLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var type = document.RootElement.GetProperty("type").GetString();
        var element = document.RootElement.GetProperty("object");
        var eventType = type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => throw new KubernetesApiException(KubernetesJson.Deserialize<V1Status>(element)),
            _ => throw new InvalidDataException($"Watch of {_descriptor.Plural} sent an unknown event type '{type}'."),
        };
        return TryRead(element, out var item, out var unreadable) ? new(eventType, item) : new(eventType, default, unreadable);
    }

    /// <summary>Reads one object on its own, so that a shape the typed model rejects costs only that object.</summary>
    private bool TryRead(JsonElement element, [MaybeNullWhen(false)] out T item, [MaybeNullWhen(true)] out UnreadableObject unreadable)
    {
        try
        {
            item = element.Deserialize(_descriptor.TypeInfo);
            unreadable = item is null ? UnreadableObject.From(element, "the object is null") : null;
        }
        catch (JsonException e)
        {
            item = default;
            unreadable = UnreadableObject.From(element, e.Message);
        }

        return unreadable is null;
    }

    private async Task<T> ReplaceAsync(T item, string? subresource, CancellationToken cancellationToken)
    {
        var name = _descriptor.Metadata(item).Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"{_descriptor.Kind} to replace has no metadata.name.", nameof(item));
        }

        var path = ObjectPath(name) + (subresource is null ? "" : "/" + subresource);
        using var response = await SendAsync(HttpMethod.Put, path, Serialize(item), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> PatchPathAsync(string path, KubernetesPatch patch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, path, Json(patch.Body, patch.ContentType), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken) =>
        _client.SendAsync(method, path, content, streaming: false, cancellationToken);

    private async Task<T> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync(stream, _descriptor.TypeInfo, cancellationToken).ConfigureAwait(false))!;
    }

    private string ObjectPath(string name)
    {
        RequireSingleScope();
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"{_descriptor.CollectionPath(_namespace)}/{Uri.EscapeDataString(name)}";
    }

    private void RequireSingleScope()
    {
        if (_descriptor.Namespaced && _namespace is null)
        {
            throw new InvalidOperationException($"{_descriptor.Kind} is namespaced: use KubernetesClient.Namespaced() for single-object operations.");
        }
    }

    private ByteArrayContent Serialize(T item) =>
        Json(JsonSerializer.Serialize(item, _descriptor.TypeInfo), "application/json");

    // Buffered so that the retry and re-auth handlers can send it again.
    private static ByteArrayContent Json(string body, string mediaType) =>
        new(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } };
}
