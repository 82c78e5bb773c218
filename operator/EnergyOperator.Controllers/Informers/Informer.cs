using System.Globalization;
using EnergyOperator.Controllers.Instrumentation;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace EnergyOperator.Controllers.Informers;

/// <summary>
/// A cache of one kind kept current by list-then-watch, as an explicit state machine: <c>Listing</c> (paged list,
/// replace the cache) → <c>Watching(resourceVersion)</c> (bounded watch with bookmarks, restarted from the last version
/// seen; one still open well past its timeout is taken for a dead connection and dropped). 410 Gone relists and reports
/// objects that vanished meanwhile as deleted. A watch that delivered events and then broke resumes at once with its backoff
/// reset, as client-go's reflector does: the connection worked, so a cut is not a failure streak. Any other failure retries
/// the same state after a jittered exponential backoff, forever. Handlers see changes in order, on the informer's loop.
/// An object the typed model cannot read is left out of the cache (a cached older version of it is dropped, as if deleted:
/// the controller must not act on a state that is no longer current) and handed to <see cref="SubscribeUnreadable"/>'s
/// handlers once per generation (resourceVersion where the kind has none): neither a relist nor the status a handler writes
/// reports it again, and only a new spec, which may fix it or break it anew, does.
/// </summary>
public sealed class Informer<T> : IObjectCache<T>, IInformer
    where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, HashSet<ObjectKey>> _byControllerUid = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ResourceClient<T> _client;
    private readonly ResourceDescriptor<T> _descriptor;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly Dictionary<ObjectKey, string?> _reportedUnreadable = [];
    private Action<ObjectChange<T>>[] _handlers = [];
    private Action<UnreadableObject>[] _unreadableHandlers = [];
    private string _lastResourceVersion = "";
    private bool _watchDelivered;
    private int _started;

    public Informer(
        KubernetesClient client,
        ResourceDescriptor<T> descriptor,
        InformerOptions? options = null,
        ILogger<Informer<T>>? logger = null,
        IMetricFactory? metrics = null,
        TimeProvider? timeProvider = null)
    {
        _options = options ?? new InformerOptions();
        _options.Validate();
        _descriptor = descriptor;
        _client = _options.Namespace is null ? client.All(descriptor) : client.Namespaced(descriptor, _options.Namespace);
        _logger = logger ?? NullLogger<Informer<T>>.Instance;
        _metrics = metrics is null ? null : new RuntimeMetrics(metrics);
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Kind => _descriptor.Kind;

    public ResourceDescriptor<T> Descriptor => _descriptor;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>
    /// Calls <paramref name="handler"/> for every change from now on; register before <see cref="RunAsync"/> to see the
    /// initial list as <see cref="ObjectChangeType.Added"/>. Keep it quick (enqueue a key): it runs on the informer's loop.
    /// </summary>
    public IDisposable Subscribe(Action<ObjectChange<T>> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every object the informer could not read, once per generation.
    /// Keep it quick (hand the object to another loop): it runs on the informer's loop.
    /// </summary>
    public void SubscribeUnreadable(Action<UnreadableObject> handler)
    {
        lock (_gate)
        {
            _unreadableHandlers = [.. _unreadableHandlers, handler];
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_gate)
        {
            return _items.Where(pair => @namespace is null || pair.Key.Namespace == @namespace).Select(pair => pair.Value).ToList();
        }
    }

    public IReadOnlyList<T> ListOwnedBy(string ownerUid)
    {
        lock (_gate)
        {
            return _byControllerUid.TryGetValue(ownerUid, out var keys) ? keys.Select(key => _items[key]).ToList() : [];
        }
    }

    /// <summary>The keys of every cached object, e.g. for a periodic resync.</summary>
    public IReadOnlyList<ObjectKey> Keys()
    {
        lock (_gate)
        {
            return [.. _items.Keys];
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"The {Kind} informer is already running; share its cache instead of running it twice.");
        }

        WatcherState state = new WatcherState.Listing();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                state = state switch
                {
                    WatcherState.Listing => await ListAsync(cancellationToken).ConfigureAwait(false),
                    WatcherState.Watching watching => await WatchAsync(watching.ResourceVersion, cancellationToken).ConfigureAwait(false),
                    _ => throw new InvalidOperationException($"Unknown informer state {state}."),
                };
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubernetesApiException e) when (e.IsGone && state is WatcherState.Watching)
            {
                InformerLog.Relisting(_logger, Kind, _lastResourceVersion, e.Reason);
                _metrics?.WatchRestarts.WithLabels(Kind, "gone").Inc();
                state = new WatcherState.Listing();
            }
            catch (Exception e) when (state is WatcherState.Watching && _watchDelivered && !cancellationToken.IsCancellationRequested)
            {
                InformerLog.WatchBroke(_logger, e, Kind, _lastResourceVersion);
                _metrics?.WatchRestarts.WithLabels(Kind, "error").Inc();
                failures = 0;
                state = new WatcherState.Watching(_lastResourceVersion);
            }
            catch (Exception e)
            {
                failures++;
                var delay = Backoff(failures);
                InformerLog.Failed(_logger, e, Kind, state.Name, failures, delay.TotalSeconds);
                _metrics?.WatchRestarts.WithLabels(Kind, "error").Inc();

                // A watch that failed resumes from the last event it delivered, not from where it started.
                state = state is WatcherState.Watching ? new WatcherState.Watching(_lastResourceVersion) : state;
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        InformerLog.Stopped(_logger, Kind);
    }

    private async Task<WatcherState> ListAsync(CancellationToken cancellationToken)
    {
        var list = await _client.ListAllAsync(new ListOptions(LabelSelector: _options.LabelSelector, Limit: _options.ListPageSize), cancellationToken)
            .ConfigureAwait(false);
        Replace(list.Items);
        foreach (var key in _reportedUnreadable.Keys.Except(list.Unreadable.Where(u => u.Metadata.Name is not null).Select(u => ObjectKey.Of(u.Metadata))).ToList())
        {
            _reportedUnreadable.Remove(key);
        }

        foreach (var unreadable in list.Unreadable)
        {
            Report(unreadable);
        }

        _lastResourceVersion = list.ResourceVersion;
        _synced.TrySetResult();
        InformerLog.Listed(_logger, Kind, list.Items.Count, list.ResourceVersion);
        return new WatcherState.Watching(list.ResourceVersion);
    }

    private async Task<WatcherState> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = (int)Jitter(_options.MinWatchTimeout.TotalSeconds, _options.MaxWatchTimeout.TotalSeconds);
        var options = new WatchOptions(resourceVersion, timeout, AllowBookmarks: true, LabelSelector: _options.LabelSelector);
        InformerLog.Watching(_logger, Kind, resourceVersion, timeout);
        _watchDelivered = false;

        // On the real clock, not the injected one: it guards a socket, which only real time can leave silent.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeout) + _options.WatchGracePeriod);
        try
        {
            await foreach (var change in _client.WatchAsync(options, deadline.Token).ConfigureAwait(false))
            {
                var metadata = change.IsReadable ? _descriptor.Metadata(change.Object) : change.Unreadable.Metadata;
                switch (change.Type)
                {
                    case WatchEventType.Added or WatchEventType.Modified when change.IsReadable:
                        Upsert(change.Object);
                        break;
                    case WatchEventType.Added or WatchEventType.Modified:
                        Report(change.Unreadable);
                        break;
                    case WatchEventType.Deleted when metadata.Name is not null:
                        Remove(ObjectKey.Of(metadata), change.Object);
                        break;
                }

                _lastResourceVersion = metadata.ResourceVersion ?? _lastResourceVersion;
                _watchDelivered = true;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            InformerLog.WatchStalled(_logger, Kind, _lastResourceVersion, timeout);
            _metrics?.WatchRestarts.WithLabels(Kind, "stalled").Inc();
            return new WatcherState.Watching(_lastResourceVersion);
        }

        InformerLog.WatchEnded(_logger, Kind, _lastResourceVersion);
        _metrics?.WatchRestarts.WithLabels(Kind, "closed").Inc();
        return new WatcherState.Watching(_lastResourceVersion);
    }

    /// <summary>Swaps in a fresh list; objects missing from it are reported deleted, changed ones modified.</summary>
    private void Replace(IReadOnlyList<T> items)
    {
        var fresh = new Dictionary<ObjectKey, T>();
        foreach (var item in items)
        {
            fresh[KeyOf(item)] = item;
        }

        var changes = new List<ObjectChange<T>>();
        lock (_gate)
        {
            foreach (var (key, old) in _items)
            {
                if (!fresh.ContainsKey(key))
                {
                    changes.Add(new(ObjectChangeType.Deleted, old, old));
                }
            }

            foreach (var (key, item) in fresh)
            {
                if (!_items.TryGetValue(key, out var old))
                {
                    changes.Add(new(ObjectChangeType.Added, null, item));
                }
                else if (VersionOf(old) != VersionOf(item))
                {
                    changes.Add(new(ObjectChangeType.Modified, old, item));
                }
            }

            _items.Clear();
            _byControllerUid.Clear();
            foreach (var (key, item) in fresh)
            {
                _items[key] = item;
                Index(key, item);
            }
        }

        Notify(changes);
    }

    private void Upsert(T item)
    {
        var key = KeyOf(item);
        _reportedUnreadable.Remove(key);
        T? old;
        lock (_gate)
        {
            if (_items.Remove(key, out old))
            {
                Unindex(key, old);
            }

            _items[key] = item;
            Index(key, item);
        }

        Notify([old is null ? new(ObjectChangeType.Added, null, item) : new(ObjectChangeType.Modified, old, item)]);
    }

    /// <summary>Drops the object; <paramref name="item"/> is its final state, null when that could not be read.</summary>
    private void Remove(ObjectKey key, T? item)
    {
        _reportedUnreadable.Remove(key);
        Evict(key, item);
    }

    private void Evict(ObjectKey key, T? final)
    {
        T? old;
        lock (_gate)
        {
            if (_items.Remove(key, out old))
            {
                Unindex(key, old);
            }
        }

        if ((final ?? old) is { } last)
        {
            Notify([new(ObjectChangeType.Deleted, old, last)]);
        }
    }

    private void Report(UnreadableObject unreadable)
    {
        if (unreadable.Metadata.Name is null)
        {
            InformerLog.UnreadableWithoutName(_logger, Kind, unreadable.Error);
            return;
        }

        var key = ObjectKey.Of(unreadable.Metadata);

        // The uid too: an object deleted and re-created under the same name while the watch was down starts again at 1.
        var version = unreadable.Metadata.Generation is { } generation
            ? $"{unreadable.Metadata.Uid}/{generation.ToString(CultureInfo.InvariantCulture)}"
            : unreadable.Metadata.ResourceVersion;

        // Whatever the cache held for it is older than what the server has now.
        Evict(key, final: null);
        if (_reportedUnreadable.TryGetValue(key, out var reported) && reported == version)
        {
            return;
        }

        _reportedUnreadable[key] = version;
        InformerLog.Unreadable(_logger, Kind, key.ToString(), unreadable.Metadata.ResourceVersion, unreadable.Error);
        foreach (var handler in Volatile.Read(ref _unreadableHandlers))
        {
            try
            {
                handler(unreadable);
            }
            catch (Exception e)
            {
                InformerLog.UnreadableHandlerFailed(_logger, e, Kind, key.ToString());
            }
        }
    }

    private void Notify(List<ObjectChange<T>> changes)
    {
        var handlers = Volatile.Read(ref _handlers);
        foreach (var change in changes)
        {
            foreach (var handler in handlers)
            {
                try
                {
                    handler(change);
                }
                catch (Exception e)
                {
                    // One faulty subscriber must not stop the cache from following the server.
                    InformerLog.HandlerFailed(_logger, e, Kind, change.Type, KeyOf(change.New).ToString());
                }
            }
        }
    }

    private void Index(ObjectKey key, T item)
    {
        if (ControllerUidOf(item) is { } uid)
        {
            if (!_byControllerUid.TryGetValue(uid, out var keys))
            {
                _byControllerUid[uid] = keys = [];
            }

            keys.Add(key);
        }
    }

    private void Unindex(ObjectKey key, T item)
    {
        if (ControllerUidOf(item) is { } uid && _byControllerUid.TryGetValue(uid, out var keys) && keys.Remove(key) && keys.Count == 0)
        {
            _byControllerUid.Remove(uid);
        }
    }

    private string? ControllerUidOf(T item) => _descriptor.Metadata(item).OwnerReferences?.FirstOrDefault(r => r.Controller == true)?.Uid;

    private ObjectKey KeyOf(T item) => ObjectKey.Of(_descriptor.Metadata(item));

    private string? VersionOf(T item) => _descriptor.Metadata(item).ResourceVersion;

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.InitialBackoff.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var jittered = exponential * Jitter(0.8, 1.2);
        return TimeSpan.FromSeconds(Math.Min(jittered, _options.MaxBackoff.TotalSeconds));
    }

    private static double Jitter(double min, double max) => min + (Random.Shared.NextDouble() * (max - min));

    private void Unsubscribe(Action<ObjectChange<T>> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(Informer<T> informer, Action<ObjectChange<T>> handler) : IDisposable
    {
        public void Dispose() => informer.Unsubscribe(handler);
    }
}
