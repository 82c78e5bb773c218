using System.Text.Json.Nodes;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Tests.Client;

/// <summary>A fresh double and a client on it per test.</summary>
public abstract class ApiServerTestBase : IAsyncLifetime
{
    protected ApiServerDouble Server { get; private set; } = null!;

    protected KubernetesClient Client { get; private set; } = null!;

    protected ResourceClient<EnergyBenchmark> Benchmarks => Client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");

    protected virtual KubernetesClientOptions Options => new() { RetryBaseDelay = TimeSpan.FromMilliseconds(1) };

    public virtual async Task InitializeAsync()
    {
        Server = await ApiServerDouble.StartAsync();
        Client = new KubernetesClient(Server.ClientConfiguration(), Options);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A benchmark with a seed beyond int32, stored as a cluster did before the CRD had bounds.</summary>
    protected JsonObject StoreUnreadableBenchmark(string name) =>
        Server.CreateBypassingSchemaAdmission(KubernetesResources.EnergyBenchmarks, PreBoundsObjects.WithSeedBeyondInt32(Benchmark(name)));

    protected static EnergyBenchmark Benchmark(string name, IReadOnlyDictionary<string, string>? labels = null, IReadOnlyList<string>? finalizers = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels?.ToDictionary(), Finalizers = finalizers?.ToList() },
        Spec = new EnergyBenchmarkSpec
        {
            Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin },
            Models = [new ModelSpec { Name = "lr", Classic = new ClassicModelSpec() }],
        },
    };
}
