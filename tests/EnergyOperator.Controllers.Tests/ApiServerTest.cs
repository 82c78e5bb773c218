using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using k8s.Models;

namespace EnergyOperator.Controllers.Tests;

/// <summary>A fresh API server double and a client without retries per test, plus polling helpers.</summary>
public abstract class ApiServerTest : IAsyncLifetime
{
    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    protected ApiServerDouble Server { get; private set; } = null!;

    protected KubernetesClient Client { get; private set; } = null!;

    protected ResourceClient<EnergyBenchmark> Benchmarks => Client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");

    protected ResourceClient<V1Pod> Pods => Client.Namespaced(KubernetesResources.Pods, "default");

    public async Task InitializeAsync()
    {
        Server = await ApiServerDouble.StartAsync();

        // No client retries: the runtime under test must handle every failure itself.
        Client = new KubernetesClient(Server.ClientConfiguration(), new KubernetesClientOptions { MaxRetries = 0, Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected static EnergyBenchmark Benchmark(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new EnergyBenchmarkSpec
        {
            Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin },
            Models = [new ModelSpec { Name = "lr", Classic = new ClassicModelSpec() }],
        },
    };

    protected static V1Pod PodOwnedBy(string name, EnergyBenchmark owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            OwnerReferences = [new V1OwnerReference { ApiVersion = EnergyBenchmark.ApiVersionValue, Kind = EnergyBenchmark.KindValue, Name = owner.Metadata.Name!, Uid = owner.Metadata.Uid!, Controller = true }],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "runner", Image = "runner:test" }] },
    };

    protected static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Guard);
        while (!condition())
        {
            try
            {
                await Task.Delay(10, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }
}
