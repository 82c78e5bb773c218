using System.Diagnostics;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Controllers.Instrumentation;
using EnergyOperator.Controllers.Queue;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace EnergyOperator.Controllers.Reconciliation;

/// <summary>
/// Runs an <see cref="IReconciler"/> for one owner kind: changes to owners, and to objects whose controller owner
/// reference names an owner, queue the owner's key; workers reconcile keys from the caches once every informer has
/// synced. Success forgets the key's backoff (and honours <see cref="ReconcileResult.RequeueAfter"/>), a
/// <see cref="TerminalReconcileException"/> is not retried, anything else (409 Conflict included) retries with backoff.
/// </summary>
public sealed class Controller<TOwner>
    where TOwner : class
{
    private readonly Informer<TOwner> _owners;
    private readonly List<IInformer> _informers;
    private readonly IReconciler _reconciler;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics _metrics;
    private readonly TimeProvider _time;
    private int _started;

    public Controller(
        Informer<TOwner> owners,
        IReconciler reconciler,
        ControllerOptions? options = null,
        ILogger<Controller<TOwner>>? logger = null,
        IMetricFactory? metrics = null,
        TimeProvider? timeProvider = null)
    {
        _options = options ?? new ControllerOptions();
        _options.Validate();
        _owners = owners;
        _informers = [owners];
        _reconciler = reconciler;
        _logger = logger ?? NullLogger<Controller<TOwner>>.Instance;
        _metrics = new RuntimeMetrics(metrics ?? RuntimeMetrics.Private());
        _time = timeProvider ?? TimeProvider.System;
        Name = _options.Name ?? owners.Kind.ToLowerInvariant();

        var rateLimiter = new MaxOfRateLimiter<ObjectKey>(
            new ItemExponentialRateLimiter<ObjectKey>(_options.RetryBaseDelay, _options.RetryMaxDelay),
            new TokenBucketRateLimiter<ObjectKey>(_options.RetryQps, _options.RetryBurst, _time));
        Queue = new WorkQueue<ObjectKey>(rateLimiter, _time) { DepthChanged = depth => _metrics.QueueDepth.WithLabels(Name).Set(depth) };
        owners.Subscribe(change => Queue.Add(ObjectKey.Of(owners.Descriptor.Metadata(change.New))));
    }

    public string Name { get; }

    internal WorkQueue<ObjectKey> Queue { get; }

    /// <summary>
    /// Reconciles the owner whenever one of its children changes. A child counts when its <c>controller: true</c> owner
    /// reference names the owner kind; the owner is looked up by name in the child's namespace.
    /// </summary>
    public Controller<TOwner> Owns<TChild>(Informer<TChild> children)
        where TChild : class
    {
        if (Volatile.Read(ref _started) == 1)
        {
            throw new InvalidOperationException($"Controller {Name} is running: declare owned kinds before RunAsync.");
        }

        _informers.Add(children);
        children.Subscribe(change =>
        {
            foreach (var key in OwnerKeys(children.Descriptor, change.Old).Concat(OwnerKeys(children.Descriptor, change.New)).Distinct())
            {
                Queue.Add(key);
            }
        });
        return this;
    }

    /// <summary>Runs the informers, waits for their first lists, then reconciles until cancelled; in-flight reconciles finish first.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"Controller {Name} is already running.");
        }

        using var stopInformers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informerRuns = _informers.Select(informer => informer.RunAsync(stopInformers.Token)).ToList();
        try
        {
            ControllerLog.WaitingForSync(_logger, Name, string.Join(", ", _informers.Select(i => i.Kind)));
            var synced = Task.WhenAll(_informers.Select(informer => informer.WaitForSyncAsync(cancellationToken)));

            // An informer that cannot even start (run twice) must surface here rather than leave us waiting forever.
            var firstEnded = Task.WhenAny(informerRuns);
            if (await Task.WhenAny(synced, firstEnded).ConfigureAwait(false) == firstEnded)
            {
                await (await firstEnded.ConfigureAwait(false)).ConfigureAwait(false);
            }

            await synced.ConfigureAwait(false);
            ControllerLog.Started(_logger, Name, _options.Workers);

            using var shutDownQueue = cancellationToken.Register(() => _ = Queue.ShutDownAsync(CancellationToken.None));
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(cancellationToken)).ToList();
            await Task.WhenAll([.. workers, ResyncAsync(cancellationToken)]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Queue.ShutDownAsync(CancellationToken.None).ConfigureAwait(false);
            await stopInformers.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informerRuns).ConfigureAwait(false);
            ControllerLog.Stopped(_logger, Name);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (key, shuttingDown) = await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shuttingDown)
            {
                return;
            }

            try
            {
                await ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        string result;
        try
        {
            var outcome = await _reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            Queue.Forget(key);
            if (outcome.RequeueAfter is { } delay)
            {
                Queue.AddAfter(key, delay);
                result = "requeue";
            }
            else
            {
                result = "success";
            }

            ControllerLog.Reconciled(_logger, Name, key.ToString(), result, Elapsed(started), outcome.RequeueAfter?.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ControllerLog.Canceled(_logger, Name, key.ToString());
            return;
        }
        catch (TerminalReconcileException e)
        {
            Queue.Forget(key);
            result = "terminal";
            ControllerLog.Terminal(_logger, e, Name, key.ToString(), Elapsed(started));
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            // Someone wrote the object since our cache saw it: expected, and the retry reads the newer version.
            Queue.AddRateLimited(key);
            result = "conflict";
            ControllerLog.Conflict(_logger, Name, key.ToString(), e.Message);
        }
        catch (Exception e)
        {
            Queue.AddRateLimited(key);
            result = "error";
            ControllerLog.Failed(_logger, e, Name, key.ToString(), Elapsed(started), Queue.Failures(key));
        }

        _metrics.ReconcileTotal.WithLabels(Name, result).Inc();
        _metrics.ReconcileDuration.WithLabels(Name).Observe(Elapsed(started));
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (_options.ResyncPeriod == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.ResyncPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var keys = _owners.Keys();
                foreach (var key in keys)
                {
                    Queue.Add(key);
                }

                ControllerLog.Resynced(_logger, Name, keys.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private IEnumerable<ObjectKey> OwnerKeys<TChild>(ResourceDescriptor<TChild> childDescriptor, TChild? child)
    {
        if (child is null)
        {
            yield break;
        }

        var metadata = childDescriptor.Metadata(child);
        var owner = metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        if (owner is not null && owner.Kind == _owners.Descriptor.Kind && GroupOf(owner.ApiVersion) == _owners.Descriptor.Group)
        {
            yield return new ObjectKey(_owners.Descriptor.Namespaced ? metadata.NamespaceProperty : null, owner.Name);
        }
    }

    private static string GroupOf(string apiVersion) => apiVersion.LastIndexOf('/') is var slash and >= 0 ? apiVersion[..slash] : "";

    private double Elapsed(long started) => _time.GetElapsedTime(started).TotalSeconds;
}
