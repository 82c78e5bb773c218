using EnergyOperator.Controllers.LeaderElection;
using EnergyOperator.Kubernetes.Resources;

namespace EnergyOperator.Controllers.Tests;

/// <summary>Real time with sub-second periods: the electors race over real HTTP, as replicas do.</summary>
public sealed class LeaderElectorTests : ApiServerTest
{
    [Fact]
    public async Task RunAsync_TwoElectorsOnOneLease_ExactlyOneLeads()
    {
        var a = NewElector("a");
        var b = NewElector("b");
        using var stop = new CancellationTokenSource();
        var runs = new[] { a.RunAsync(LeadUntilCanceled, stop.Token), b.RunAsync(LeadUntilCanceled, stop.Token) };

        await WaitUntilAsync(() => a.IsLeader || b.IsLeader, "someone leads");
        var leader = a.IsLeader ? a : b;
        var before = LeaseRequests();
        await WaitUntilAsync(() => LeaseRequests() >= before + 10, "both kept renewing and retrying");

        Assert.True(a.IsLeader ^ b.IsLeader);
        Assert.Equal(leader.Identity, Lease()?.Spec?.HolderIdentity);
        await stop.CancelAsync();
        await Task.WhenAll(runs).WaitAsync(Guard);
    }

    [Fact]
    public async Task RunAsync_RenewalsFail_StopsLeadingAndKeepsTheLease()
    {
        var elector = NewElector("a");
        var leadershipEnded = new TaskCompletionSource();
        var run = elector.RunAsync(
            async token =>
            {
                token.Register(leadershipEnded.SetResult);
                await LeadUntilCanceled(token);
            },
            CancellationToken.None);
        await WaitUntilAsync(() => elector.IsLeader, "it leads");

        Server.Faults.FailNext(int.MaxValue, 500, request => request.Path.Contains("/leases", StringComparison.Ordinal));

        await leadershipEnded.Task.WaitAsync(Guard);
        await run.WaitAsync(Guard);
        Assert.False(elector.IsLeader);

        // Lost, not released: the record still names it, and others wait the lease out.
        Assert.Equal("a", Lease()?.Spec?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_LeaderShutsDown_ReleasesSoTheOtherTakesOverBeforeTheLeaseExpires()
    {
        // The release must finish inside the renew deadline: a loaded machine (CI) needs more than the default 800 ms.
        var slowExpiry = TimeSpan.FromMinutes(5);
        var a = NewElector("a", slowExpiry, renewDeadline: TimeSpan.FromSeconds(5));
        var b = NewElector("b", slowExpiry, renewDeadline: TimeSpan.FromSeconds(5));
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(LeadUntilCanceled, stopA.Token);
        await WaitUntilAsync(() => a.IsLeader, "a leads");
        var runB = b.RunAsync(LeadUntilCanceled, stopB.Token);
        var before = LeaseRequests();
        await WaitUntilAsync(() => LeaseRequests() >= before + 4, "b tried");

        await stopA.CancelAsync();
        await runA.WaitAsync(Guard);

        await WaitUntilAsync(() => b.IsLeader, "b took over the released lease");
        Assert.Equal("b", Lease()?.Spec?.HolderIdentity);
        Assert.Equal(1, Lease()?.Spec?.LeaseTransitions);
        await stopB.CancelAsync();
        await runB.WaitAsync(Guard);
    }

    [Fact]
    public async Task RunAsync_ReleaseMeetsConflictsAndAServerError_StillReleases()
    {
        var a = NewElector("a", TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var run = a.RunAsync(LeadUntilCanceled, stop.Token);
        await WaitUntilAsync(() => a.IsLeader, "a leads");

        Server.Faults.FailNext(2, 409, request => request.Method == "PUT" && request.Path.Contains("/leases/", StringComparison.Ordinal));
        Server.Faults.FailNext(1, 503, request => request.Method == "PUT" && request.Path.Contains("/leases/", StringComparison.Ordinal));
        await stop.CancelAsync();
        await run.WaitAsync(Guard);

        Assert.Equal("", Lease()?.Spec?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_Disabled_LeadsAtOnceWithoutALease()
    {
        var elector = new LeaderElector(Client, new LeaderElectionOptions { Enabled = false });
        var led = false;

        await elector.RunAsync(_ => { led = elector.IsLeader; return Task.CompletedTask; }, CancellationToken.None).WaitAsync(Guard);

        Assert.True(led);
        Assert.Empty(Server.List(KubernetesResources.Leases));
    }

    private LeaderElector NewElector(string identity, TimeSpan? leaseDuration = null, TimeSpan? renewDeadline = null) => new(Client, new LeaderElectionOptions
    {
        Identity = identity,
        LeaseName = "test-leader",
        LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(2),
        RenewDeadline = renewDeadline ?? TimeSpan.FromMilliseconds(800),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    });

    private k8s.Models.V1Lease? Lease() => Server.Get(KubernetesResources.Leases, "default", "test-leader");

    private int LeaseRequests() => Server.Requests.Count(r => r.Path.Contains("/leases", StringComparison.Ordinal));

    private static async Task LeadUntilCanceled(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
