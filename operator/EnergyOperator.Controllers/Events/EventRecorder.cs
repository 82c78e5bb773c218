using System.Globalization;
using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.Controllers.Events;

/// <summary>
/// Writes core/v1 Events about objects. A repeat within the aggregation window patches the earlier event's
/// <c>count</c> and <c>lastTimestamp</c>, so that a reconcile retrying every few seconds leaves one line in
/// <c>kubectl describe</c>, not hundreds. A write the server fails with a 5xx is tried again (the client retries only
/// idempotent verbs, and an event create is one only because its name is unique). Best effort: what still fails is
/// logged, never thrown.
/// </summary>
public sealed class EventRecorder : IEventRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EventIdentity, Recorded> _recent = [];
    private readonly KubernetesClient _client;
    private readonly EventRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public EventRecorder(KubernetesClient client, EventRecorderOptions? options = null, ILogger<EventRecorder>? logger = null, TimeProvider? timeProvider = null)
    {
        _client = client;
        _options = options ?? new EventRecorderOptions();
        _logger = logger ?? NullLogger<EventRecorder>.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task RecordAsync(string apiVersion, string kind, V1ObjectMeta involved, EventType type, string reason, string message, CancellationToken cancellationToken)
    {
        var @namespace = involved.NamespaceProperty ?? _client.DefaultNamespace;
        var events = _client.Namespaced(KubernetesResources.Events, @namespace);
        var identity = new EventIdentity(involved.Uid ?? $"{@namespace}/{kind}/{involved.Name}", type, reason, message);
        var now = _time.GetUtcNow();
        try
        {
            if (Repeat(identity, now) is { } previous)
            {
                var count = previous.Count + 1;
                var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
                try
                {
                    await WithRetriesAsync(() => events.PatchAsync(previous.Name, KubernetesPatch.Merge(patch), cancellationToken), cancellationToken).ConfigureAwait(false);
                    Remember(identity, previous with { Count = count, LastSeen = now });
                    return;
                }
                catch (KubernetesApiException e) when (e.IsNotFound)
                {
                    // Events expire (an hour by default): start a fresh one.
                }
            }

            var created = NewEvent(apiVersion, kind, involved, @namespace, type, reason, message, now);
            await WithRetriesAsync(() => CreateOnceAsync(events, created, cancellationToken), cancellationToken).ConfigureAwait(false);
            Remember(identity, new Recorded(created.Metadata.Name!, 1, now));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            EventRecorderLog.Failed(_logger, e, reason, kind, involved.Name ?? "");
        }
    }

    private static async Task<Corev1Event> CreateOnceAsync(ResourceClient<Corev1Event> events, Corev1Event item, CancellationToken cancellationToken)
    {
        try
        {
            return await events.CreateAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // An earlier attempt got through and only its answer was lost.
            return item;
        }
    }

    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _options.MaxAttempts && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or IOException || (e is KubernetesApiException api && (int)api.StatusCode >= 500);

    private Corev1Event NewEvent(string apiVersion, string kind, V1ObjectMeta involved, string @namespace, EventType type, string reason, string message, DateTimeOffset now) => new()
    {
        ApiVersion = Corev1Event.KubeApiVersion,
        Kind = Corev1Event.KubeKind,
        // Unique per occurrence, as client-go names them: the object's name and a timestamp in hex.
        Metadata = new V1ObjectMeta { Name = $"{involved.Name}.{now.UtcTicks:x}{Random.Shared.Next(0x1000):x3}", NamespaceProperty = @namespace },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = involved.Name,
            NamespaceProperty = involved.NamespaceProperty,
            Uid = involved.Uid,
            ResourceVersion = involved.ResourceVersion,
        },
        Reason = reason,
        Message = message,
        Type = type.ToString(),
        Source = new V1EventSource { Component = _options.Component },
        ReportingComponent = _options.Component,
        ReportingInstance = _options.Instance,
        FirstTimestamp = now.UtcDateTime,
        LastTimestamp = now.UtcDateTime,
        Count = 1,
    };

    private Recorded? Repeat(EventIdentity identity, DateTimeOffset now)
    {
        lock (_gate)
        {
            // Expired entries go here rather than on a timer: the map only grows while events keep coming.
            foreach (var stale in _recent.Where(pair => now - pair.Value.LastSeen >= _options.AggregationWindow).Select(pair => pair.Key).ToList())
            {
                _recent.Remove(stale);
            }

            return _recent.TryGetValue(identity, out var recorded) ? recorded : null;
        }
    }

    private void Remember(EventIdentity identity, Recorded recorded)
    {
        lock (_gate)
        {
            _recent[identity] = recorded;
        }
    }

    private sealed record EventIdentity(string Object, EventType Type, string Reason, string Message);

    private sealed record Recorded(string Name, int Count, DateTimeOffset LastSeen);
}
