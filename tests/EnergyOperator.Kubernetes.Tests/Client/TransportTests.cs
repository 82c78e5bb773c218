using System.Net;
using EnergyOperator.Kubernetes.Configuration;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;

namespace EnergyOperator.Kubernetes.Tests.Client;

public sealed class TransportTests : ApiServerTestBase
{
    private readonly ManualTimeProvider _time = new() { AutoAdvance = true };

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterRetryAfterForAnyVerb()
    {
        using var client = ClientWith(new KubernetesClientOptions());
        var benchmarks = client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");
        Server.Faults.FailNext(2, 429, r => r.Method == "POST", retryAfter: TimeSpan.FromSeconds(3));

        await benchmarks.CreateAsync(Benchmark("b1"));

        Assert.Equal(3, Server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _time.RequestedDelays);
    }

    [Fact]
    public async Task TooManyRequests_GivesUpAfterMaxRetries()
    {
        using var client = ClientWith(new KubernetesClientOptions { MaxRetries = 2 });
        Server.Faults.FailNext(10, 429, retryAfter: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Namespaced(KubernetesResources.EnergyBenchmarks, "default").GetAsync("b1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task ServerError_IsRetriedForGet()
    {
        await Benchmarks.CreateAsync(Benchmark("b1"));
        Server.Faults.FailNext(2, 500, r => r.Method == "GET");

        var item = await Benchmarks.GetAsync("b1");

        Assert.Equal("b1", item.Metadata.Name);
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task ServerError_IsNotRetriedForPost()
    {
        Server.Faults.FailNext(1, 500, r => r.Method == "POST");

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.CreateAsync(Benchmark("b1")));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(Server.Requests, r => r.Method == "POST");
        Assert.Null(await Benchmarks.TryGetAsync("b1"));
    }

    [Fact]
    public async Task Unauthorized_RereadsARotatedTokenOnceAndSucceeds()
    {
        var tokenFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(tokenFile, "old");
            Server.RequiredToken = "old";
            using var client = new KubernetesClient(Server.ClientConfiguration(token: null) with { TokenFile = tokenFile }, new KubernetesClientOptions(), _time);
            var benchmarks = client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");
            await benchmarks.ListAsync();

            File.WriteAllText(tokenFile, "new");
            Server.RequiredToken = "new";
            await benchmarks.ListAsync();

            Server.RequiredToken = "newer";
            var error = await Assert.ThrowsAsync<KubernetesApiException>(() => benchmarks.ListAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
            // 1 ok; 2 rejected with the cached token, 3 ok after re-reading; 4 rejected, and the file holds nothing newer.
            Assert.Equal(4, Server.Requests.Count);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task RateLimiter_BeyondBurst_WaitsOnTheClock()
    {
        using var client = ClientWith(new KubernetesClientOptions { Qps = 2, Burst = 2 });
        var benchmarks = client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");

        for (var i = 0; i < 4; i++)
        {
            await benchmarks.ListAsync();
        }

        Assert.Equal(2, _time.RequestedDelays.Count);
        Assert.All(_time.RequestedDelays, delay => Assert.True(delay > TimeSpan.Zero && delay <= TimeSpan.FromSeconds(0.5)));
    }

    private KubernetesClient ClientWith(KubernetesClientOptions options) => new(Server.ClientConfiguration(), options, _time);
}
