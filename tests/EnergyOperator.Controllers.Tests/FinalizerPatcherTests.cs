using System.Text.Json.Nodes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers.Finalizers;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;

namespace EnergyOperator.Controllers.Tests;

public sealed class FinalizerPatcherTests : ApiServerTest
{
    private const string Finalizer = "energy.energyoperator.io/cleanup";

    private FinalizerPatcher<EnergyBenchmark> Patcher => new(Client, KubernetesResources.EnergyBenchmarks);

    [Fact]
    public async Task AddAsync_ThenRemoveAsync_RoundTrips()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));

        var added = await Patcher.AddAsync(created, Finalizer, default);
        Assert.Equal([Finalizer], added.Metadata.Finalizers);
        Assert.Same(added, await Patcher.AddAsync(added, Finalizer, default));

        var removed = await Patcher.RemoveAsync(added, Finalizer, default);
        Assert.Empty(removed.Metadata.Finalizers ?? []);
    }

    [Fact]
    public async Task AddAsync_StaleResourceVersion_FailsWithoutWriting()
    {
        var stale = await Benchmarks.CreateAsync(Benchmark("b1"));
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"finalizers":["someone.else/keep"]}}""")!));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Patcher.AddAsync(stale, Finalizer, default));

        Assert.True(error.IsInvalid || error.IsConflict);
        Assert.Equal(["someone.else/keep"], (await Benchmarks.GetAsync("b1")).Metadata.Finalizers);
    }

    [Fact]
    public async Task RemoveAsync_StaleResourceVersion_FailsWithoutRemovingTheWrongFinalizer()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));
        var stale = await Patcher.AddAsync(created, Finalizer, default);
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray("someone.else/keep", Finalizer) } }));

        await Assert.ThrowsAsync<KubernetesApiException>(() => Patcher.RemoveAsync(stale, Finalizer, default));

        Assert.Equal(["someone.else/keep", Finalizer], (await Benchmarks.GetAsync("b1")).Metadata.Finalizers);
    }

    [Fact]
    public async Task AddAsync_ObjectBeingDeleted_ThrowsWithoutARequest()
    {
        var deleting = await Benchmarks.CreateAsync(Benchmark("b1"));
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;
        var requests = Server.Requests.Count;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Patcher.AddAsync(deleting, Finalizer, default));

        Assert.Contains("being deleted", error.Message);
        Assert.Equal(requests, Server.Requests.Count);
    }
}
