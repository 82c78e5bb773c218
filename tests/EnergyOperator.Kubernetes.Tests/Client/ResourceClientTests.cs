using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Tests.Client;

public sealed class ResourceClientTests : ApiServerTestBase
{
    [Fact]
    public async Task ListAsync_ObjectBeyondTheTypedModel_ReturnsItAsUnreadableBesideTheOthers()
    {
        await Benchmarks.CreateAsync(Benchmark("good"));
        var stored = StoreUnreadableBenchmark("bad");

        var list = await Benchmarks.ListAllAsync(new ListOptions(Limit: 1));

        Assert.Equal(["good"], list.Items.Select(b => b.Metadata.Name));
        var unreadable = Assert.Single(list.Unreadable);
        Assert.Equal(("default", "bad", stored["metadata"]!["uid"]!.GetValue<string>()), (unreadable.Metadata.NamespaceProperty, unreadable.Metadata.Name, unreadable.Metadata.Uid));
        Assert.Equal(stored["metadata"]!["resourceVersion"]!.GetValue<string>(), unreadable.Metadata.ResourceVersion);
        Assert.Contains("$.spec.dataset.seed", unreadable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NewObject_GetsServerFields()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));

        Assert.Equal("default", created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(Json(created), Json(await Benchmarks.GetAsync("b1")));
    }

    [Fact]
    public async Task CreateAsync_ExistingName_ThrowsAlreadyExists()
    {
        await Benchmarks.CreateAsync(Benchmark("b1"));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.CreateAsync(Benchmark("b1")));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.True(error.IsAlreadyExists);
        Assert.False(error.IsConflict);
    }

    [Fact]
    public void Create_GenerateName_AppendsASuffix()
    {
        // Through the store: the shared V1ObjectMeta contract has no generateName.
        var kind = Server.KindOf(KubernetesResources.EnergyBenchmarks);

        var created = Server.Store.Create(kind, "default", new JsonObject { ["metadata"] = new JsonObject { ["generateName"] = "run-" } });

        var name = created["metadata"]!["name"]!.GetValue<string>();
        Assert.StartsWith("run-", name);
        Assert.Equal("run-".Length + 5, name.Length);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsNotFoundAndTryGetReturnsNull()
    {
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.GetAsync("nope"));

        Assert.True(error.IsNotFound);
        Assert.Equal(StatusReasons.NotFound, error.Reason);
        Assert.Null(await Benchmarks.TryGetAsync("nope"));
    }

    [Fact]
    public async Task ReplaceAsync_StaleResourceVersion_ThrowsConflict()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));
        await Benchmarks.ReplaceAsync(created with { Spec = created.Spec with { Parallelism = 2 } });

        var error = await Assert.ThrowsAsync<KubernetesApiException>(
            () => Benchmarks.ReplaceAsync(created with { Spec = created.Spec with { Parallelism = 3 } }));

        Assert.True(error.IsConflict);
        Assert.Equal(2, (await Benchmarks.GetAsync("b1")).Spec.Parallelism);
    }

    [Fact]
    public async Task ReplaceAsync_MainResource_IgnoresStatusAndStatusSubresourceIgnoresSpec()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));

        var afterMain = await Benchmarks.ReplaceAsync(created with { Status = new EnergyBenchmarkStatus { Phase = "Running" } });
        Assert.Null(afterMain.Status);

        var afterStatus = await Benchmarks.ReplaceStatusAsync(afterMain with
        {
            Spec = afterMain.Spec with { Parallelism = 9 },
            Status = new EnergyBenchmarkStatus { Phase = "Running" },
        });
        Assert.Equal("Running", afterStatus.Status!.Phase);
        Assert.Equal(1, afterStatus.Spec.Parallelism);
    }

    [Fact]
    public async Task Generation_BumpsOnSpecChangeOnly()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));

        var labelled = await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["a"] = "b" } } }));
        var withStatus = await Benchmarks.PatchStatusAsync("b1", KubernetesPatch.Merge(new JsonObject { ["status"] = new JsonObject { ["phase"] = "Running" } }));
        var respecced = await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["parallelism"] = 4 } }));

        Assert.Equal(1, labelled.Metadata.Generation);
        Assert.Equal(1, withStatus.Metadata.Generation);
        Assert.Equal(2, respecced.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, labelled.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ReplaceAsync_NoChange_KeepsTheResourceVersion()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));

        var replaced = await Benchmarks.ReplaceAsync(created);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task PatchAsync_MergePatch_SetsAndRemovesFields()
    {
        await Benchmarks.CreateAsync(Benchmark("b1", labels: new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" }));

        var patched = await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"drop":null,"new":"3"}}}""")!));

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["new"] = "3" }, patched.Metadata.Labels);
    }

    [Fact]
    public async Task PatchAsync_JsonPatchWithPassingTest_Applies()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1", finalizers: ["energy/cleanup"]));

        var patched = await Benchmarks.PatchAsync("b1", KubernetesPatch.Json(
            JsonPatchOperation.Test("/metadata/resourceVersion", created.Metadata.ResourceVersion),
            JsonPatchOperation.Remove("/metadata/finalizers/0")));

        Assert.Empty(patched.Metadata.Finalizers ?? []);
    }

    [Fact]
    public async Task PatchAsync_JsonPatchWithFailingTest_ThrowsInvalidAndChangesNothing()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1", finalizers: ["energy/cleanup"]));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.PatchAsync("b1", KubernetesPatch.Json(
            JsonPatchOperation.Remove("/metadata/finalizers/0"),
            JsonPatchOperation.Test("/metadata/resourceVersion", "999"))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.True(error.IsInvalid);
        Assert.Equal(Json(created), Json(await Benchmarks.GetAsync("b1")));
    }

    [Fact]
    public async Task PatchAsync_MergePatchWithStaleResourceVersion_ThrowsConflict()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"spec":{"parallelism":2}}""")!));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.PatchAsync("b1",
            KubernetesPatch.Merge(JsonNode.Parse($$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"parallelism":3}}""")!)));

        Assert.True(error.IsConflict);
    }

    [Fact]
    public async Task ListAsync_WithLimit_PagesThroughEverything()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await Benchmarks.CreateAsync(Benchmark(name));
        }

        var first = await Benchmarks.ListAsync(new ListOptions(Limit: 2));
        var second = await Benchmarks.ListAsync(new ListOptions(Limit: 2, Continue: first.Continue));
        var third = await Benchmarks.ListAsync(new ListOptions(Limit: 2, Continue: second.Continue));
        var all = await Benchmarks.ListAllAsync(new ListOptions(Limit: 2));

        Assert.Equal(["a", "b"], first.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["c", "d"], second.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["e"], third.Items.Select(i => i.Metadata.Name));
        Assert.Null(third.Continue);
        Assert.Equal(5, all.Items.Count);
        Assert.Equal(Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), all.ResourceVersion);
    }

    [Theory]
    [InlineData("app=web", "web")]
    [InlineData("app==web", "web")]
    [InlineData("app!=web", "db,none")]
    [InlineData("app in (web,db)", "web,db")]
    [InlineData("app notin (web)", "db,none")]
    [InlineData("app", "web,db")]
    [InlineData("!app", "none")]
    [InlineData("app=web,tier=front", "web")]
    public async Task ListAsync_LabelSelector_FiltersLikeTheApiServer(string selector, string expected)
    {
        await Benchmarks.CreateAsync(Benchmark("web", labels: new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));
        await Benchmarks.CreateAsync(Benchmark("db", labels: new Dictionary<string, string> { ["app"] = "db" }));
        await Benchmarks.CreateAsync(Benchmark("none"));

        var list = await Benchmarks.ListAsync(new ListOptions(LabelSelector: selector));

        Assert.Equal(expected.Split(',').Order(), list.Items.Select(i => i.Metadata.Name!).Order());
    }

    [Fact]
    public async Task ListAsync_FieldSelectorOnName_ReturnsThatObject()
    {
        await Benchmarks.CreateAsync(Benchmark("a"));
        await Benchmarks.CreateAsync(Benchmark("b"));

        var list = await Benchmarks.ListAsync(new ListOptions(FieldSelector: "metadata.name=b"));

        Assert.Equal("b", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task DeleteAsync_WithFinalizer_MarksUntilTheFinalizerIsRemoved()
    {
        await Benchmarks.CreateAsync(Benchmark("b1", finalizers: ["energy/cleanup"]));

        await Benchmarks.DeleteAsync("b1");
        var marked = await Benchmarks.GetAsync("b1");
        Assert.NotNull(marked.Metadata.DeletionTimestamp);

        var addFinalizer = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.PatchAsync("b1",
            KubernetesPatch.Json(JsonPatchOperation.Add("/metadata/finalizers/-", "other/one"))));
        Assert.True(addFinalizer.IsInvalid);
        Assert.Equal("metadata.finalizers", Assert.Single(addFinalizer.Causes).Field);

        await Benchmarks.PatchAsync("b1", KubernetesPatch.Json(JsonPatchOperation.Remove("/metadata/finalizers")));
        Assert.Null(await Benchmarks.TryGetAsync("b1"));
    }

    [Fact]
    public async Task DeleteAsync_StalePrecondition_ThrowsConflict()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));
        await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"spec":{"parallelism":2}}""")!));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.DeleteAsync("b1",
            new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = created.Metadata.ResourceVersion } }));

        Assert.True(error.IsConflict);
        Assert.NotNull(await Benchmarks.TryGetAsync("b1"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Background", false)]
    [InlineData("Foreground", false)]
    [InlineData("Orphan", true)]
    public async Task DeleteAsync_Owner_CollectsDependentsUnlessOrphaned(string? policy, bool dependentSurvives)
    {
        var owner = await Benchmarks.CreateAsync(Benchmark("b1"));
        var pods = Client.Namespaced(KubernetesResources.Pods, "default");
        await pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "b1-run-0",
                OwnerReferences = [new V1OwnerReference { ApiVersion = EnergyBenchmark.ApiVersionValue, Kind = EnergyBenchmark.KindValue, Name = "b1", Uid = owner.Metadata.Uid!, Controller = true }],
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "runner", Image = "runner:dev" }] },
        });

        await Benchmarks.DeleteAsync("b1", policy is null ? null : new V1DeleteOptions { PropagationPolicy = policy });

        var pod = await pods.TryGetAsync("b1-run-0");
        Assert.Equal(dependentSurvives, pod is not null);
        if (pod is not null)
        {
            Assert.Empty(pod.Metadata.OwnerReferences ?? []);
        }
    }

    [Fact]
    public async Task AllNamespaces_ListsAcrossNamespaces()
    {
        await Benchmarks.CreateAsync(Benchmark("a"));
        await Client.Namespaced(KubernetesResources.EnergyBenchmarks, "other").CreateAsync(Benchmark("b"));

        var all = await Client.All(KubernetesResources.EnergyBenchmarks).ListAsync();

        Assert.Equal(["default", "other"], all.Items.Select(i => i.Metadata.NamespaceProperty));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.All(KubernetesResources.EnergyBenchmarks).GetAsync("a"));
    }

    [Fact]
    public async Task Lease_RenewTime_RoundTripsAsMicroTime()
    {
        var leases = Client.Namespaced(KubernetesResources.Leases, "default");
        var renewed = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234560);

        await leases.CreateAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "operator" }, Spec = new V1LeaseSpec { HolderIdentity = "pod-a", RenewTime = renewed } });

        var stored = Server.Store.Get(Server.KindOf(KubernetesResources.Leases), "default", "operator")!;
        Assert.Equal("2025-03-01T12:00:00.123456Z", stored["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal(renewed, (await leases.GetAsync("operator")).Spec!.RenewTime);
    }

    private static string Json(EnergyBenchmark item) => JsonSerializer.Serialize(item, KubernetesResources.EnergyBenchmarks.TypeInfo);
}
