using System.Net;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;
using k8s.Authentication;

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
    public async Task RetryAfter_LongerThanMaxRetryDelay_IsCappedAtIt()
    {
        using var client = ClientWith(new KubernetesClientOptions { MaxRetryDelay = TimeSpan.FromSeconds(10) });
        Server.Faults.FailNext(1, 429, retryAfter: TimeSpan.FromMinutes(2));

        await client.Namespaced(KubernetesResources.EnergyBenchmarks, "default").TryGetAsync("b1");

        Assert.Equal([TimeSpan.FromSeconds(10)], _time.RequestedDelays);
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
    public async Task EveryRetry_CarriesTheBearerToken()
    {
        Server.RequiredToken = "test-token";
        await Benchmarks.CreateAsync(Benchmark("b1"));
        Server.Faults.FailNext(2, 503, r => r.Method == "GET");

        var item = await Benchmarks.GetAsync("b1");

        // The double answers 401 to a request without the token: the third attempt carried it.
        Assert.Equal("b1", item.Metadata.Name);
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task ServiceAccountTokenFile_IsSentAsTheBearerToken()
    {
        // What KubernetesClientConfiguration.InClusterConfig() sets up from the pod's projected token.
        var tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(tokenFile, "projected-token\n");
            Server.RequiredToken = "projected-token";
            var configuration = Server.ClientConfiguration(token: null);
            configuration.TokenProvider = new TokenFileAuth(tokenFile);
            using var client = new KubernetesClient(configuration, new KubernetesClientOptions(), _time);

            var list = await client.Namespaced(KubernetesResources.EnergyBenchmarks, "default").ListAsync();

            Assert.Empty(list.Items);
            Assert.Single(Server.Requests);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task WrongToken_IsUnauthorizedAndNotRetried()
    {
        Server.RequiredToken = "another-token";

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => Benchmarks.ListAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Single(Server.Requests);
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
