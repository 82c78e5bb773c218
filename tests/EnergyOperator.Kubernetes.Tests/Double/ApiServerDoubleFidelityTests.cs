using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing.Faults;
using EnergyOperator.Kubernetes.Tests.Client;

namespace EnergyOperator.Kubernetes.Tests.Double;

/// <summary>The double behaves as a cluster with the CRD installed, and its chaos layer fails what it is told to.</summary>
public sealed class ApiServerDoubleFidelityTests : ApiServerTestBase
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    protected override KubernetesClientOptions Options => new() { MaxRetries = 0, Qps = 0 };

    [Fact]
    public async Task Create_BenchmarkViolatingTheCrdSchema_Is422NamingEachField()
    {
        var benchmark = Benchmark("bad");
        benchmark.Spec.Parallelism = 0;
        benchmark.Spec.Runtime.BatchSizes = [];

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.CreateAsync(benchmark));

        Assert.True(error.IsInvalid);
        Assert.Equal(["spec.parallelism", "spec.runtime.batchSizes"], error.Causes.Select(c => c.Field).Order(StringComparer.Ordinal));
        Assert.Null(await Benchmarks.TryGetAsync("bad"));
    }

    [Fact]
    public async Task Patch_UnknownFieldsAndMissingDefaults_ArePrunedAndDefaulted()
    {
        await Benchmarks.CreateAsync(Benchmark("b1"));

        var patched = await Benchmarks.PatchAsync("b1", KubernetesPatch.Merge(JsonNode.Parse("""{"spec":{"bogus":1,"runtime":{"repetitions":null}}}""")!));

        var stored = Server.Store.Get(Server.KindOf(KubernetesResources.EnergyBenchmarks), "default", "b1")!;
        Assert.Null(stored["spec"]!["bogus"]);
        Assert.Equal(new EnergyOperator.Contracts.V1Alpha1.RuntimeSpec().Repetitions, patched.Spec.Runtime.Repetitions);
        Assert.NotNull(stored["spec"]!["runtime"]!["repetitions"]);
    }

    [Fact]
    public async Task Chaos_StatusConflicts_FailOnlyStatusWrites()
    {
        var created = await Benchmarks.CreateAsync(Benchmark("b1"));
        Server.Faults.Chaos = new ChaosOptions { StatusConflictRate = 1 };

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.ReplaceStatusAsync(created with { Status = new() }));

        Assert.True(error.IsConflict);
        Assert.NotNull(await Benchmarks.GetAsync("b1"));
    }

    [Fact]
    public async Task Chaos_SameSeed_FailsTheSameRequests()
    {
        await Benchmarks.CreateAsync(Benchmark("b1"));

        var first = await FailuresAsync(new ChaosOptions { Seed = 7, ServerErrorRate = 0.2, ThrottleRate = 0.1 });
        var second = await FailuresAsync(new ChaosOptions { Seed = 7, ServerErrorRate = 0.2, ThrottleRate = 0.1 });

        Assert.Equal(first, second);
        Assert.Contains(500, first);
        Assert.Contains(429, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task Chaos_WatchResumedFromAVersion_CanBeGone()
    {
        await Benchmarks.CreateAsync(Benchmark("b1"));
        var list = await Benchmarks.ListAsync();
        Server.Faults.Chaos = new ChaosOptions { WatchGoneRate = 1 };

        var error = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion)).WithCancellation(new CancellationTokenSource(Guard).Token))
            {
            }
        });

        Assert.True(error.IsGone);
    }

    [Fact]
    public async Task Chaos_WatchCut_ResetsTheConnectionAfterTheDelay()
    {
        var list = await Benchmarks.ListAsync();
        Server.Faults.Chaos = new ChaosOptions { WatchCutAfter = (TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)) };

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in Benchmarks.WatchAsync(new WatchOptions(list.ResourceVersion, TimeoutSeconds: 60)).WithCancellation(new CancellationTokenSource(Guard).Token))
            {
            }
        });

        Assert.True(error is HttpRequestException or IOException, $"a reset connection, not {error?.GetType().Name ?? "a clean end"}");
    }

    private async Task<List<int>> FailuresAsync(ChaosOptions chaos)
    {
        Server.Faults.Chaos = chaos;
        var codes = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await Benchmarks.GetAsync("b1");
                codes.Add(200);
            }
            catch (KubernetesApiException e)
            {
                codes.Add((int)e.StatusCode);
            }
        }

        Server.Faults.Chaos = null;
        return codes;
    }
}
