using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;
using k8s.Models;

namespace EnergyOperator.Controllers.Tests;

public sealed class InformerTests : ApiServerTest
{
    private readonly ManualTimeProvider _time = new();
    private readonly ConcurrentQueue<(ObjectChangeType, string?)> _changes = new();

    [Fact]
    public async Task RunAsync_ListThenWatch_DeliversCreateUpdateDeleteInOrder()
    {
        await Benchmarks.CreateAsync(Benchmark("listed"));
        var informer = NewInformer();
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);
        await WaitForWatchAsync();

        await Benchmarks.CreateAsync(Benchmark("b1"));
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"x":"y"}}}""")!));
        await Benchmarks.DeleteAsync("b1");
        await WaitUntilAsync(() => _changes.Count == 4, "four changes arrived");

        Assert.Equal(
            [(ObjectChangeType.Added, "listed"), (ObjectChangeType.Added, "b1"), (ObjectChangeType.Modified, "b1"), (ObjectChangeType.Deleted, "b1")],
            _changes);
        Assert.Null(informer.Get(new ObjectKey("default", "b1")));
        Assert.NotNull(informer.Get(new ObjectKey("default", "listed")));
    }

    [Fact]
    public async Task RunAsync_HistoryCompactedWhileWatchDown_RelistsAndReportsTheDeletion()
    {
        await Benchmarks.CreateAsync(Benchmark("kept"));
        await Benchmarks.CreateAsync(Benchmark("vanishing"));
        var informer = NewInformer();
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);
        await WaitForWatchAsync();

        // The reconnect fails, so the informer sits in its backoff (on the manual clock) while the world moves on.
        Server.Faults.FailNext(1, 500, request => request.IsWatch);
        Server.Faults.CloseWatches();
        await WaitUntilAsync(() => _time.RequestedDelays.Count == 1, "the informer backed off");
        await Benchmarks.DeleteAsync("vanishing");
        await Benchmarks.CreateAsync(Benchmark("new"));
        Server.Faults.CompactHistory();
        _time.Advance(TimeSpan.FromSeconds(30));

        await WaitUntilAsync(() => _changes.Contains((ObjectChangeType.Deleted, "vanishing")), "the deletion was reported");
        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "new")) is not null, "the relist stored the new object");
        Assert.Equal(["kept", "new"], informer.List().Select(b => b.Metadata.Name).Order());
        Assert.Equal(2, Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/energybenchmarks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_WatchRequestFails_RetriesAfterJitteredBackoff()
    {
        _time.AutoAdvance = true;
        var informer = NewInformer();
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);
        await WaitForWatchAsync();

        Server.Faults.FailNext(2, 500, request => request.IsWatch);
        Server.Faults.CloseWatches();
        await WaitUntilAsync(() => _time.RequestedDelays.Count == 2 && Server.Store.OpenWatches == 1, "the watch came back after two failures");
        await Benchmarks.CreateAsync(Benchmark("after"));

        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "after")) is not null, "the restarted watch delivered a change");
        var delays = _time.RequestedDelays.Select(d => d.TotalSeconds).ToList();
        Assert.InRange(delays[0], 0.64, 0.96);
        Assert.InRange(delays[1], 1.28, 1.92);
    }

    [Fact]
    public async Task RunAsync_WatchThatDeliveredEventsBreaks_ResumesAtOnceWithBackoffReset()
    {
        var informer = NewInformer();
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);
        await WaitForWatchAsync();
        Server.Faults.FailNext(2, 500, request => request.IsWatch);
        Server.Faults.CloseWatches();
        await WaitUntilAsync(() => _time.RequestedDelays.Count == 1, "the first reconnect failed");
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => _time.RequestedDelays.Count == 2, "the second reconnect failed");
        _time.Advance(TimeSpan.FromSeconds(2));
        await WaitForWatchAsync();
        await Benchmarks.CreateAsync(Benchmark("delivered"));
        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "delivered")) is not null, "the watch delivered a change");
        var watches = Server.Requests.Count(r => r.IsWatch);

        Server.Faults.CloseWatches(abort: true);

        // The clock stands still: only a watch restarted without a backoff can open.
        await WaitUntilAsync(() => Server.Requests.Count(r => r.IsWatch) > watches && Server.Store.OpenWatches == 1, "the watch resumed");
        Assert.Equal(2, _time.RequestedDelays.Count);
    }

    [Fact]
    public async Task RunAsync_ConnectionReset_ResumesFromTheLastVersionWithoutRelisting()
    {
        _time.AutoAdvance = true;
        var informer = NewInformer();
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);
        await WaitForWatchAsync();
        await Benchmarks.CreateAsync(Benchmark("before"));
        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "before")) is not null, "the first change arrived");

        Server.Faults.CloseWatches(abort: true);
        await Benchmarks.CreateAsync(Benchmark("during"));

        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "during")) is not null, "the resumed watch replayed the missed change");
        Assert.Equal(1, Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/energybenchmarks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_WatchOutlivesItsTimeout_DropsItAsDeadAndResumesFromTheLastVersion()
    {
        Server.Faults.IgnoreWatchTimeouts = true;
        var options = new InformerOptions
        {
            Namespace = "default",
            MinWatchTimeout = TimeSpan.FromSeconds(1),
            MaxWatchTimeout = TimeSpan.FromSeconds(1),
            WatchGracePeriod = TimeSpan.FromMilliseconds(100),
        };
        var informer = new Informer<EnergyBenchmark>(Client, KubernetesResources.EnergyBenchmarks, options, timeProvider: _time);
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);

        await WaitUntilAsync(() => Server.Requests.Count(r => r.IsWatch) >= 2, "the stalled watch was replaced");
        await Benchmarks.CreateAsync(Benchmark("after"));

        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "after")) is not null, "the new watch delivered a change");
        Assert.Equal(1, Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/energybenchmarks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListOwnedBy_PodsWithControllerReference_ReturnsOnlyThatOwnersPods()
    {
        var owner = Server.Create(KubernetesResources.EnergyBenchmarks, Benchmark("owner"));
        var other = Server.Create(KubernetesResources.EnergyBenchmarks, Benchmark("other"));
        Server.Create(KubernetesResources.Pods, PodOwnedBy("owned", owner));
        Server.Create(KubernetesResources.Pods, PodOwnedBy("foreign", other));
        var notController = PodOwnedBy("not-controller", owner);
        notController.Metadata.OwnerReferences![0].Controller = null;
        Server.Create(KubernetesResources.Pods, notController);
        var pods = new Informer<V1Pod>(Client, KubernetesResources.Pods, new InformerOptions { Namespace = "default" });
        await using var run = Run(pods);
        await pods.WaitForSyncAsync(default).WaitAsync(Guard);

        Assert.Equal(["owned"], pods.ListOwnedBy(owner.Metadata.Uid!).Select(p => p.Metadata.Name));

        await Pods.DeleteAsync("owned");
        await WaitUntilAsync(() => pods.ListOwnedBy(owner.Metadata.Uid!).Count == 0, "the deleted pod left the index");
    }

    [Fact]
    public async Task RunAsync_ObjectItCannotRead_CachesTheOthersAndReportsItOncePerGeneration()
    {
        await Benchmarks.CreateAsync(Benchmark("good"));
        Server.CreateBypassingSchemaAdmission(KubernetesResources.EnergyBenchmarks, PreBoundsObjects.WithSeedBeyondInt32(Benchmark("bad")));
        var reported = new ConcurrentQueue<(string?, string?)>();
        var informer = NewInformer();
        informer.SubscribeUnreadable(unreadable => reported.Enqueue((unreadable.Metadata.Name, unreadable.Metadata.ResourceVersion)));
        var kind = Server.KindOf(KubernetesResources.EnergyBenchmarks);
        await using var run = Run(informer);
        await informer.WaitForSyncAsync(default).WaitAsync(Guard);
        await WaitForWatchAsync();

        Assert.Equal(["good"], informer.List().Select(b => b.Metadata.Name));
        Assert.Equal([(ObjectChangeType.Added, "good")], _changes);
        var first = Assert.Single(reported);

        // Neither a relist nor a status write (what the reporter does) is a new generation: no second report.
        var lists = ListRequests();
        Server.Faults.FailNext(1, 500, request => request.IsWatch);
        Server.Faults.CloseWatches();
        await WaitUntilAsync(() => _time.RequestedDelays.Count == 1, "the informer backed off");
        await Benchmarks.CreateAsync(Benchmark("other"));
        Server.Faults.CompactHistory();
        _time.Advance(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => ListRequests() > lists && informer.Get(new ObjectKey("default", "other")) is not null, "the informer relisted");
        Server.Store.Patch(kind, "default", "bad", KubernetesPatch.MergePatchContentType, """{"status":{"phase":"Invalid"}}""", statusOnly: true);
        await Benchmarks.CreateAsync(Benchmark("after-status"));
        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "after-status")) is not null, "the watch passed the status write");
        Assert.Single(reported);

        // A new spec that still cannot be read is reported again; a fixed one joins the cache.
        Server.Store.Patch(kind, "default", "bad", KubernetesPatch.MergePatchContentType, """{"spec":{"parallelism":2}}""");
        await WaitUntilAsync(() => reported.Count == 2, "the new generation was reported");
        Assert.NotEqual(first.Item2, reported.Last().Item2);
        Server.Store.Patch(kind, "default", "bad", KubernetesPatch.MergePatchContentType, """{"spec":{"dataset":{"seed":7}}}""");
        await WaitUntilAsync(() => informer.Get(new ObjectKey("default", "bad")) is not null, "the fixed object was cached");
        Assert.Equal(2, reported.Count);
    }

    private int ListRequests() => Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/energybenchmarks", StringComparison.Ordinal));

    private Informer<EnergyBenchmark> NewInformer()
    {
        var informer = new Informer<EnergyBenchmark>(
            Client, KubernetesResources.EnergyBenchmarks, new InformerOptions { Namespace = "default" }, timeProvider: _time);
        informer.Subscribe(change => _changes.Enqueue((change.Type, change.New.Metadata.Name)));
        return informer;
    }

    private async Task WaitForWatchAsync() => await WaitUntilAsync(() => Server.Store.OpenWatches == 1, "the watch is open");

    private static RunningInformer Run(IInformer informer) => new(informer);

    /// <summary>Runs an informer for the test's duration and stops it on dispose.</summary>
    private sealed class RunningInformer : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public RunningInformer(IInformer informer) => _run = informer.RunAsync(_stop.Token);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(Guard);
            _stop.Dispose();
        }
    }
}
