using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing.Patch;
using EnergyOperator.Kubernetes.Testing.Selectors;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Testing.Store;

/// <summary>
/// The double's etcd and registry in one: objects as JSON per kind, with the API server's write semantics
/// (resourceVersion, generation, status subresource, finalizers, owner garbage collection). Thread-safe; every
/// method returns copies. Writes made here directly behave exactly like writes over HTTP, watch events included.
/// </summary>
public sealed class ObjectStore
{
    private static readonly string[] ServerOwnedMetadata =
        ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion"];

    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceKind, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly EventLog _events;
    private readonly Dictionary<string, int> _creations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _resourceVersion;

    internal ObjectStore(int historyCapacity, TimeProvider time)
    {
        _events = new EventLog(historyCapacity);
        _time = time;
    }

    /// <summary>The latest resourceVersion handed out, across all kinds.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Watches currently streaming, e.g. to wait until a client has (re)connected.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _events.Subscriptions.Count;
            }
        }
    }

    public void Register(ResourceKind kind)
    {
        lock (_gate)
        {
            _objects.TryAdd(kind, new SortedDictionary<string, JsonObject>(StringComparer.Ordinal));
        }
    }

    /// <summary>How many objects of this name were ever created (a deleted and re-created object counts twice).</summary>
    public int Creations(ResourceKind kind, string? @namespace, string name)
    {
        lock (_gate)
        {
            return _creations.GetValueOrDefault($"{kind.GroupResource}:{Key(kind, @namespace, name)}");
        }
    }

    public ResourceKind? FindKind(string group, string version, string plural)
    {
        lock (_gate)
        {
            return _objects.Keys.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);
        }
    }

    public JsonObject? Get(ResourceKind kind, string? @namespace, string name)
    {
        lock (_gate)
        {
            return Table(kind).TryGetValue(Key(kind, @namespace, name), out var item) ? Clone(item) : null;
        }
    }

    /// <summary>All objects of the kind, in one namespace or (null) all, ordered by namespace and name.</summary>
    public IReadOnlyList<JsonObject> List(ResourceKind kind, string? @namespace = null)
    {
        lock (_gate)
        {
            return Table(kind).Values.Where(o => @namespace is null || NamespaceOf(o) == @namespace).Select(Clone).ToList();
        }
    }

    public JsonObject Create(ResourceKind kind, string? @namespace, JsonObject item) => Create(kind, @namespace, item, admit: true);

    /// <summary>
    /// Stores an object as a POST would but without schema admission: what a cluster holds when it stored the object before
    /// its CRD had today's bounds (e.g. <c>seed: 3000000000</c>). For tests of objects the operator cannot read; never a shortcut.
    /// </summary>
    public JsonObject CreateBypassingSchemaAdmission(ResourceKind kind, string? @namespace, JsonObject item) =>
        Create(kind, @namespace, item, admit: false);

    private JsonObject Create(ResourceKind kind, string? @namespace, JsonObject item, bool admit)
    {
        lock (_gate)
        {
            var created = Clone(item);
            var metadata = MetadataOf(created);
            var name = metadata["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                var prefix = metadata["generateName"]?.GetValue<string>();
                if (string.IsNullOrEmpty(prefix))
                {
                    throw ApiError.Invalid(kind, "", "metadata.name", "name or generateName is required");
                }

                do
                {
                    name = prefix + RandomSuffix();
                }
                while (Table(kind).ContainsKey(Key(kind, @namespace, name)));
            }

            metadata["name"] = name;
            SetNamespace(kind, @namespace, metadata);
            if (Table(kind).ContainsKey(Key(kind, @namespace, name)))
            {
                throw ApiError.AlreadyExists(kind, name);
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            metadata["generation"] = 1L;
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            created["apiVersion"] = kind.ApiVersion;
            created["kind"] = kind.Kind;
            if (kind.HasStatusSubresource)
            {
                created.Remove("status");
            }

            if (admit)
            {
                SchemaAdmission.Admit(kind, name, created);
            }

            var creation = $"{kind.GroupResource}:{Key(kind, @namespace, name)}";
            _creations[creation] = _creations.GetValueOrDefault(creation) + 1;
            return Commit(kind, created, StoreEventType.Added, previous: null);
        }
    }

    /// <summary>PUT: a set <c>metadata.resourceVersion</c> must match the stored one (409 otherwise).</summary>
    public JsonObject Replace(ResourceKind kind, string? @namespace, string name, JsonObject item, bool statusOnly = false)
    {
        lock (_gate)
        {
            return Update(kind, Require(kind, @namespace, name), item, statusOnly);
        }
    }

    /// <summary>PATCH with <c>application/merge-patch+json</c> or <c>application/json-patch+json</c>.</summary>
    public JsonObject Patch(ResourceKind kind, string? @namespace, string name, string contentType, string body, bool statusOnly = false)
    {
        lock (_gate)
        {
            var current = Require(kind, @namespace, name);
            JsonNode? patch;
            try
            {
                patch = JsonNode.Parse(body);
            }
            catch (JsonException e)
            {
                throw ApiError.BadRequest($"error decoding patch: {e.Message}");
            }

            JsonNode? patched;
            try
            {
                patched = contentType switch
                {
                    KubernetesPatch.MergePatchContentType => JsonMergePatch.Apply(Clone(current), patch),
                    KubernetesPatch.JsonPatchContentType when patch is JsonArray operations => JsonPatch.Apply(Clone(current), operations),
                    KubernetesPatch.JsonPatchContentType => throw ApiError.BadRequest("a JSON patch must be an array of operations"),
                    _ => throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {KubernetesPatch.JsonPatchContentType}, {KubernetesPatch.MergePatchContentType}"),
                };
            }
            catch (JsonPatchException e)
            {
                // As the real server: a failed JSON Patch (a failing "test" included) is 422 with no field causes.
                throw new ApiError(422, "Invalid", e.Message);
            }

            if (patched is not JsonObject patchedObject)
            {
                throw ApiError.BadRequest("the patched object is not a JSON object");
            }

            return Update(kind, current, patchedObject, statusOnly);
        }
    }

    /// <summary>
    /// DELETE: an object with finalizers only gets <c>deletionTimestamp</c>; removal happens when the last finalizer goes.
    /// Removing an object garbage-collects objects whose ownerReferences name its uid.
    /// </summary>
    public JsonObject Delete(
        ResourceKind kind,
        string? @namespace,
        string name,
        PropagationPolicy propagation = PropagationPolicy.Background,
        V1Preconditions? preconditions = null)
    {
        lock (_gate)
        {
            var current = Require(kind, @namespace, name);
            var metadata = MetadataOf(current);
            if (preconditions?.Uid is { } uid && uid != metadata["uid"]?.GetValue<string>())
            {
                throw ApiError.Conflict(kind, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {metadata["uid"]}");
            }

            if (preconditions?.ResourceVersion is { } version && version != metadata["resourceVersion"]?.GetValue<string>())
            {
                throw ApiError.Conflict(kind, name, $"Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {metadata["resourceVersion"]}");
            }

            return DeleteObject(kind, current, propagation);
        }
    }

    /// <summary>Forgets the event history: a watch from any earlier resourceVersion now gets 410 Expired.</summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            _events.Compact(_resourceVersion);
        }
    }

    internal (IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue) ListPage(
        ResourceKind kind, string? @namespace, LabelSelector labels, FieldSelector fields, int? limit, string? continueToken)
    {
        lock (_gate)
        {
            var after = DecodeContinue(continueToken);
            var matching = Table(kind)
                .Where(pair => after is null || string.CompareOrdinal(pair.Key, after) > 0)
                .Where(pair => (@namespace is null || NamespaceOf(pair.Value) == @namespace) && labels.Matches(pair.Value) && fields.Matches(pair.Value))
                .ToList();
            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var next = page.Count < matching.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key)) : null;
            return (page.Select(p => Clone(p.Value)).ToList(), _resourceVersion, next);
        }
    }

    /// <summary>
    /// Opens a watch: without a resourceVersion it starts with ADDED for every current object; with one it replays the
    /// history after it, or fails with 410 Expired when that history was compacted away.
    /// </summary>
    internal WatchSubscription Watch(ResourceKind kind, string? @namespace, LabelSelector labels, FieldSelector fields, string? resourceVersion, bool bookmarks)
    {
        var subscription = new WatchSubscription(kind, @namespace, labels, fields, bookmarks);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var item in Table(kind).Values)
                {
                    subscription.Offer(new StoreEvent(_resourceVersion, kind, StoreEventType.Added, item, null));
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiError.BadRequest($"invalid resource version \"{resourceVersion}\"");
                }

                if (from < _events.CompactedThrough)
                {
                    subscription.Fail(ApiError.Expired(from, _events.CompactedThrough + 1));
                    return subscription;
                }

                foreach (var change in _events.Since(kind, from))
                {
                    subscription.Offer(change);
                }
            }

            _events.Subscribe(subscription);
        }

        return subscription;
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _events.Unsubscribe(subscription);
        }
    }

    /// <summary>Queued behind pending events under the lock, so a bookmark never claims a version the watcher has not seen.</summary>
    internal void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var subscription in _events.Subscriptions.Where(s => s.Bookmarks))
            {
                subscription.Bookmark(_resourceVersion);
            }
        }
    }

    internal void CloseWatches(bool abort)
    {
        lock (_gate)
        {
            foreach (var subscription in _events.Subscriptions.ToList())
            {
                subscription.Close(abort);
                _events.Unsubscribe(subscription);
            }
        }
    }

    private JsonObject Update(ResourceKind kind, JsonObject current, JsonObject requested, bool statusOnly)
    {
        var currentMetadata = MetadataOf(current);
        var name = currentMetadata["name"]!.GetValue<string>();
        if (statusOnly && !kind.HasStatusSubresource)
        {
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        }

        var requestedMetadata = requested["metadata"] as JsonObject;
        var requestedName = requestedMetadata?["name"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(requestedName) && requestedName != name)
        {
            throw ApiError.BadRequest($"the name of the object ({requestedName}) does not match the name on the URL ({name})");
        }

        var requestedVersion = requestedMetadata?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != currentMetadata["resourceVersion"]!.GetValue<string>())
        {
            throw ApiError.Conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");
        }

        JsonObject updated;
        if (statusOnly)
        {
            updated = Clone(current);
            SetOrRemove(updated, "status", requested["status"]);
        }
        else
        {
            updated = Clone(requested);
            if (kind.HasStatusSubresource)
            {
                SetOrRemove(updated, "status", current["status"]);
            }
        }

        var metadata = MetadataOf(updated);
        foreach (var field in ServerOwnedMetadata)
        {
            SetOrRemove(metadata, field, currentMetadata[field]);
        }

        updated["apiVersion"] = kind.ApiVersion;
        updated["kind"] = kind.Kind;
        if (currentMetadata["deletionTimestamp"] is not null && Finalizers(metadata).Except(Finalizers(currentMetadata)).Any())
        {
            throw ApiError.Invalid(kind, name, "metadata.finalizers", "Forbidden: no new finalizers can be added if the object is being deleted");
        }

        SchemaAdmission.Admit(kind, name, updated, current);

        // A write that changes nothing is not a change: no new resourceVersion and no event.
        if (JsonNode.DeepEquals(updated, current))
        {
            return Clone(current);
        }

        if (!JsonNode.DeepEquals(WithoutMetadata(kind, updated), WithoutMetadata(kind, current)))
        {
            metadata["generation"] = currentMetadata["generation"]!.GetValue<long>() + 1;
        }

        var stored = Commit(kind, updated, StoreEventType.Modified, current);
        return metadata["deletionTimestamp"] is not null && !Finalizers(metadata).Any()
            ? Remove(kind, updated, PropagationPolicy.Background)
            : stored;
    }

    private JsonObject DeleteObject(ResourceKind kind, JsonObject current, PropagationPolicy propagation)
    {
        var metadata = MetadataOf(current);
        if (!Finalizers(metadata).Any())
        {
            return Remove(kind, current, propagation);
        }

        if (metadata["deletionTimestamp"] is not null)
        {
            return Clone(current);
        }

        var marked = Clone(current);
        MetadataOf(marked)["deletionTimestamp"] = Now();
        MetadataOf(marked)["deletionGracePeriodSeconds"] = 0;
        return Commit(kind, marked, StoreEventType.Modified, current);
    }

    /// <remarks>
    /// Collection happens synchronously, which keeps tests deterministic: background removes the owner then its dependents,
    /// foreground the dependents first. A finalizer-delayed owner always collects in the background once removed.
    /// </remarks>
    private JsonObject Remove(ResourceKind kind, JsonObject item, PropagationPolicy propagation)
    {
        var uid = MetadataOf(item)["uid"]!.GetValue<string>();
        if (propagation == PropagationPolicy.Foreground)
        {
            CollectDependents(uid);
        }

        Table(kind).Remove(Key(item));
        var removed = Clone(item);
        MetadataOf(removed)["resourceVersion"] = NextResourceVersion();
        _events.Publish(new StoreEvent(_resourceVersion, kind, StoreEventType.Deleted, Clone(removed), null));

        if (propagation == PropagationPolicy.Background)
        {
            CollectDependents(uid);
        }
        else if (propagation == PropagationPolicy.Orphan)
        {
            OrphanDependents(uid);
        }

        return removed;
    }

    private void CollectDependents(string ownerUid)
    {
        foreach (var (kind, key) in Dependents(ownerUid))
        {
            if (Table(kind).TryGetValue(key, out var dependent))
            {
                DeleteObject(kind, dependent, PropagationPolicy.Background);
            }
        }
    }

    private void OrphanDependents(string ownerUid)
    {
        foreach (var (kind, key) in Dependents(ownerUid))
        {
            var current = Table(kind)[key];
            var orphan = Clone(current);
            var references = (JsonArray)MetadataOf(orphan)["ownerReferences"]!;
            foreach (var reference in references.Where(r => r?["uid"]?.GetValue<string>() == ownerUid).ToList())
            {
                references.Remove(reference);
            }

            Commit(kind, orphan, StoreEventType.Modified, current);
        }
    }

    private List<(ResourceKind Kind, string Key)> Dependents(string ownerUid) =>
        _objects
            .SelectMany(table => table.Value
                .Where(pair => pair.Value["metadata"]?["ownerReferences"] is JsonArray references
                    && references.Any(r => r?["uid"]?.GetValue<string>() == ownerUid))
                .Select(pair => (table.Key, pair.Key)))
            .ToList();

    private JsonObject Commit(ResourceKind kind, JsonObject item, StoreEventType type, JsonObject? previous)
    {
        MetadataOf(item)["resourceVersion"] = NextResourceVersion();
        Table(kind)[Key(item)] = item;
        _events.Publish(new StoreEvent(_resourceVersion, kind, type, Clone(item), previous));
        return Clone(item);
    }

    private JsonObject Require(ResourceKind kind, string? @namespace, string name) =>
        Table(kind).TryGetValue(Key(kind, @namespace, name), out var item) ? item : throw ApiError.NotFound(kind, name);

    private SortedDictionary<string, JsonObject> Table(ResourceKind kind) =>
        _objects.TryGetValue(kind, out var table) ? table : throw new ApiError(404, "NotFound", "the server could not find the requested resource");

    private static void SetNamespace(ResourceKind kind, string? @namespace, JsonObject metadata)
    {
        if (!kind.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        if (string.IsNullOrEmpty(@namespace))
        {
            throw ApiError.BadRequest($"{kind.Kind} is namespaced: the request needs a namespace");
        }

        var declared = metadata["namespace"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(declared) && declared != @namespace)
        {
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = @namespace;
    }

    /// <summary>Everything a spec change consists of: all but metadata and, with a status subresource, status.</summary>
    private static JsonObject WithoutMetadata(ResourceKind kind, JsonObject item)
    {
        var copy = Clone(item);
        copy.Remove("metadata");
        if (kind.HasStatusSubresource)
        {
            copy.Remove("status");
        }

        return copy;
    }

    private static IEnumerable<string> Finalizers(JsonObject metadata) =>
        metadata["finalizers"] is JsonArray finalizers ? finalizers.Select(f => f!.GetValue<string>()) : [];

    private static string? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest($"continue key is not valid: \"{token}\"");
        }
    }

    private string NextResourceVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RandomSuffix()
    {
        // The API server's alphabet: no vowels (no accidental words) and no look-alike characters.
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });
    }

    private static string Key(ResourceKind kind, string? @namespace, string name) => kind.Namespaced ? $"{@namespace}/{name}" : name;

    private static string Key(JsonObject item) =>
        NamespaceOf(item) is { } @namespace ? $"{@namespace}/{NameOf(item)}" : NameOf(item);

    private static string NameOf(JsonObject item) => item["metadata"]!["name"]!.GetValue<string>();

    private static string? NamespaceOf(JsonObject item) => item["metadata"]?["namespace"]?.GetValue<string>();

    private static JsonObject MetadataOf(JsonObject item)
    {
        if (item["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            item["metadata"] = metadata;
        }

        return metadata;
    }

    private static void SetOrRemove(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value.DeepClone();
        }
    }

    private static JsonObject Clone(JsonObject item) => (JsonObject)item.DeepClone();
}
