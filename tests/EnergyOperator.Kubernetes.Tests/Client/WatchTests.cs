using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s;

namespace EnergyOperator.Kubernetes.Tests.Client;

public sealed class WatchTests : ApiServerTestBase
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WatchAsync_ObjectBeyondTheTypedModel_DeliversItAsUnreadableAndGoesOn()
    {
        var list = await Benchmarks.ListAsync();
        await using var events = Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion)).GetAsyncEnumerator();

        StoreUnreadableBenchmark("bad");
        await Benchmarks.CreateAsync(Benchmark("good"));

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Guard));
        Assert.False(events.Current.IsReadable);
        Assert.Equal((WatchEventType.Added, "bad"), (events.Current.Type, events.Current.Unreadable.Metadata.Name));
        Assert.Contains("$.spec.dataset.seed", events.Current.Unreadable.Error, StringComparison.Ordinal);
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Guard));
        Assert.Equal((WatchEventType.Added, "good"), (events.Current.Type, events.Current.Object?.Metadata.Name));
    }

    [Fact]
    public async Task WatchAsync_FromListVersion_SeesChangesInOrder()
    {
        await Benchmarks.CreateAsync(Benchmark("before"));
        var list = await Benchmarks.ListAsync();
        await using var events = Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion)).GetAsyncEnumerator();

        await Benchmarks.CreateAsync(Benchmark("b1"));
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"spec":{"parallelism":2}}""")!));
        await Benchmarks.DeleteAsync("b1");

        var seen = new List<(WatchEventType, string?, long?)>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Guard));
            seen.Add((events.Current.Type, events.Current.Object!.Metadata.Name, events.Current.Object!.Metadata.Generation));
        }

        Assert.Equal([(WatchEventType.Added, "b1", 1), (WatchEventType.Modified, "b1", 2), (WatchEventType.Deleted, "b1", 2)], seen);
    }

    [Fact]
    public async Task WatchAsync_WithoutVersion_StartsWithExistingObjects()
    {
        await Benchmarks.CreateAsync(Benchmark("a"));
        await using var events = Benchmarks.WatchAsync().GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Guard));

        Assert.Equal((WatchEventType.Added, "a"), (events.Current.Type, events.Current.Object!.Metadata.Name));
    }

    [Fact]
    public async Task WatchAsync_LabelSelector_ReportsObjectsLeavingTheSelectionAsDeleted()
    {
        await Benchmarks.CreateAsync(Benchmark("b1", labels: new Dictionary<string, string> { ["app"] = "web" }));
        var list = await Benchmarks.ListAsync();
        await using var events = Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion, LabelSelector: "app=web")).GetAsyncEnumerator();

        await Benchmarks.CreateAsync(Benchmark("other"));
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"app":"db"}}}""")!));

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Guard));
        Assert.Equal((WatchEventType.Deleted, "b1"), (events.Current.Type, events.Current.Object!.Metadata.Name));
    }

    [Fact]
    public async Task WatchAsync_AllowBookmarks_DeliversTheCurrentVersion()
    {
        var list = await Benchmarks.ListAsync();
        await using var events = Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion, AllowBookmarks: true)).GetAsyncEnumerator();
        await Benchmarks.CreateAsync(Benchmark("b1"));
        var next = events.MoveNextAsync().AsTask();
        Assert.True(await next.WaitAsync(Guard));

        Server.SendBookmarks();

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Guard));
        Assert.Equal(WatchEventType.Bookmark, events.Current.Type);
        Assert.Equal(Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), events.Current.Object!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task WatchAsync_VersionOlderThanHistory_ThrowsGone()
    {
        await Benchmarks.CreateAsync(Benchmark("a"));
        var list = await Benchmarks.ListAsync();
        await Benchmarks.CreateAsync(Benchmark("b1"));
        Server.Faults.CompactHistory();

        var error = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion)))
            {
            }
        }).WaitAsync(Guard);

        Assert.True(error.IsGone);
        Assert.Equal(StatusReasons.Expired, error.Reason);
    }

    [Fact]
    public async Task WatchAsync_TimeoutSeconds_EndsTheStream()
    {
        var list = await Benchmarks.ListAsync();
        var received = 0;

        await foreach (var _ in Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion, TimeoutSeconds: 1)).WithCancellation(default))
        {
            received++;
        }

        Assert.Equal(0, received);
    }

    [Fact]
    public async Task WatchAsync_ServerClosesWatches_StreamEnds()
    {
        var list = await Benchmarks.ListAsync();
        await using var events = Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion)).GetAsyncEnumerator();
        var next = events.MoveNextAsync().AsTask();
        await WaitForWatchAsync();

        Server.Faults.CloseWatches();

        Assert.False(await next.WaitAsync(Guard));
    }

    private async Task WaitForWatchAsync()
    {
        while (Server.Store.OpenWatches == 0)
        {
            await Task.Delay(10);
        }
    }
}
