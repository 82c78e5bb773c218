using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using k8s.Models;

namespace EnergyOperator.Controllers.LeaderElection;

/// <summary>
/// Makes one replica the leader through a Lease, as client-go's leader election does: acquire a free or expired lease
/// (the API server's optimistic concurrency decides races: 409 means another replica won), renew it every retry period,
/// and stop leading when renewal has failed for the renew deadline. A lease counts as expired after its duration has
/// passed on this replica's clock since the record last changed, so that clock skew between nodes does not matter.
/// </summary>
public sealed class LeaderElector
{
    private readonly ResourceClient<V1Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private V1LeaseSpec? _observedSpec;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;

    public LeaderElector(KubernetesClient client, LeaderElectionOptions? options = null, ILogger<LeaderElector>? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new LeaderElectionOptions();
        _options.Validate();
        _leases = client.Namespaced(KubernetesResources.Leases, _options.LeaseNamespace ?? client.DefaultNamespace);
        _logger = logger ?? NullLogger<LeaderElector>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Identity = _options.Identity ?? $"{Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName}_{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string Identity { get; }

    public bool IsLeader => _isLeader;

    /// <summary>
    /// Waits until this replica holds the lease, then runs <paramref name="onStartedLeading"/> with a token that fires
    /// when leadership ends: the lease could not be renewed within the renew deadline, or <paramref name="cancellationToken"/>
    /// fired. Returns once leading has stopped and the work has finished, after releasing the lease on cancellation.
    /// Leadership is never re-acquired: the process should exit, since what it did as leader may now be stale.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _isLeader = true;
            try
            {
                await onStartedLeading(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _isLeader = false;
            }

            return;
        }

        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewUntilLostAsync(leading.Token);
        var work = Task.Run(() => onStartedLeading(leading.Token), CancellationToken.None);
        await Task.WhenAny(renewal, work).ConfigureAwait(false);
        _isLeader = false;
        await leading.CancelAsync().ConfigureAwait(false);
        var lost = await renewal.ConfigureAwait(false);
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
        }
        finally
        {
            if (!lost && _options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }

            LeaderElectionLog.StoppedLeading(_logger, Identity, _options.LeaseName, lost);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Acquiring(_logger, Identity, _options.LeaseName);
        while (true)
        {
            if (await TryAttemptAsync(_options.RenewDeadline, cancellationToken).ConfigureAwait(false))
            {
                _isLeader = true;
                LeaderElectionLog.Acquired(_logger, Identity, _options.LeaseName);
                return true;
            }

            // Jittered as client-go's (up to 1.2 periods extra), so that waiting replicas do not retry in lockstep.
            var wait = _options.RetryPeriod * (1 + (Random.Shared.NextDouble() * 1.2));
            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>True when leadership was lost; false when <paramref name="cancellationToken"/> ended it.</summary>
    private async Task<bool> RenewUntilLostAsync(CancellationToken cancellationToken)
    {
        var lastRenewal = _time.GetUtcNow();
        while (true)
        {
            try
            {
                await Task.Delay(_options.RetryPeriod, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var remaining = _options.RenewDeadline - (_time.GetUtcNow() - lastRenewal);
            if (remaining > TimeSpan.Zero && await TryAttemptAsync(remaining, cancellationToken).ConfigureAwait(false))
            {
                lastRenewal = _time.GetUtcNow();
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (_time.GetUtcNow() - lastRenewal >= _options.RenewDeadline)
            {
                LeaderElectionLog.Lost(_logger, Identity, _options.LeaseName, _options.RenewDeadline.TotalSeconds);
                return true;
            }
        }
    }

    /// <summary>One acquire-or-renew, bounded by <paramref name="timeout"/>; any failure counts as not holding the lease.</summary>
    private async Task<bool> TryAttemptAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            LeaderElectionLog.AttemptFailed(_logger, e, Identity, _options.LeaseName);
            return false;
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var lease = await _leases.TryGetAsync(_options.LeaseName, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            var created = new V1Lease
            {
                ApiVersion = $"{V1Lease.KubeGroup}/{V1Lease.KubeApiVersion}",
                Kind = V1Lease.KubeKind,
                Metadata = new V1ObjectMeta { Name = _options.LeaseName, NamespaceProperty = _leases.Namespace },
                Spec = new V1LeaseSpec
                {
                    HolderIdentity = Identity,
                    LeaseDurationSeconds = LeaseDurationSeconds,
                    AcquireTime = now.UtcDateTime,
                    RenewTime = now.UtcDateTime,
                    LeaseTransitions = 0,
                },
            };
            try
            {
                Observe((await _leases.CreateAsync(created, cancellationToken).ConfigureAwait(false)).Spec, now);
                return true;
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                return false;
            }
        }

        var spec = lease.Spec ?? new V1LeaseSpec();
        Observe(spec, now);
        var heldByOther = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != Identity;
        if (heldByOther && _observedAt + TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0) > now)
        {
            return false;
        }

        var renewing = spec.HolderIdentity == Identity;
        lease.Spec = new V1LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = LeaseDurationSeconds,
            AcquireTime = renewing ? spec.AcquireTime ?? now.UtcDateTime : now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = renewing ? spec.LeaseTransitions ?? 0 : (spec.LeaseTransitions ?? 0) + 1,
        };
        try
        {
            // The lease's resourceVersion makes this a compare-and-swap: a concurrent writer gets 409.
            Observe((await _leases.ReplaceAsync(lease, cancellationToken).ConfigureAwait(false)).Spec, now);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            return false;
        }
    }

    /// <summary>
    /// Empties the lease so that another replica takes over at once. Tried again until the renew deadline: a conflict (a
    /// candidate's read-modify-write raced ours) re-reads, a transient failure waits a retry period. Without it, others
    /// wait out the whole lease duration.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        while (true)
        {
            try
            {
                if (await TryReleaseAsync(timeout.Token).ConfigureAwait(false))
                {
                    LeaderElectionLog.Released(_logger, Identity, _options.LeaseName);
                }

                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && !timeout.IsCancellationRequested)
            {
            }
            catch (Exception e) when (IsTransient(e) && !timeout.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_options.RetryPeriod, _time, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    LeaderElectionLog.ReleaseFailed(_logger, e, Identity, _options.LeaseName);
                    return;
                }
            }
            catch (Exception e)
            {
                // Others then take over after the lease duration instead of at once: slower, still correct.
                LeaderElectionLog.ReleaseFailed(_logger, e, Identity, _options.LeaseName);
                return;
            }
        }
    }

    /// <summary>False when the lease is no longer ours to release.</summary>
    private async Task<bool> TryReleaseAsync(CancellationToken cancellationToken)
    {
        var lease = await _leases.TryGetAsync(_options.LeaseName, cancellationToken).ConfigureAwait(false);
        if (lease?.Spec?.HolderIdentity != Identity)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        lease.Spec = new V1LeaseSpec { HolderIdentity = "", LeaseDurationSeconds = 1, AcquireTime = now.UtcDateTime, RenewTime = now.UtcDateTime, LeaseTransitions = lease.Spec.LeaseTransitions };
        await _leases.ReplaceAsync(lease, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or IOException
        || (e is KubernetesApiException api && ((int)api.StatusCode >= 500 || (int)api.StatusCode == 429));

    /// <summary>The lease duration counts from when we last saw the record change, on our clock, as in client-go.</summary>
    private void Observe(V1LeaseSpec? spec, DateTimeOffset now)
    {
        if (!SameRecord(spec, _observedSpec))
        {
            _observedSpec = spec;
            _observedAt = now;
        }
    }

    private static bool SameRecord(V1LeaseSpec? a, V1LeaseSpec? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null
            && a.HolderIdentity == b.HolderIdentity
            && a.LeaseDurationSeconds == b.LeaseDurationSeconds
            && a.AcquireTime == b.AcquireTime
            && a.RenewTime == b.RenewTime
            && a.LeaseTransitions == b.LeaseTransitions);

    private int LeaseDurationSeconds => (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds);
}
