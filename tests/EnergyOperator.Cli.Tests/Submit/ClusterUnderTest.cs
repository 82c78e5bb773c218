using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Submit;

/// <summary>
/// The API server double, a kubeconfig pointing at it, and the real <c>energyctl</c> binary run against both. Plays the operator
/// by writing <c>status</c> the way the reconciler does.
/// </summary>
internal sealed class ClusterUnderTest : IAsyncDisposable
{
    public const string Namespace = "ci";
    private const string Token = "ci-token";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ClusterUnderTest(ApiServerDouble server, DirectoryInfo work)
    {
        Server = server;
        Work = work;
        KubeConfig = WriteKubeConfig(work, server.BaseAddress);
    }

    public ApiServerDouble Server { get; }

    public DirectoryInfo Work { get; }

    public string KubeConfig { get; }

    public static async Task<ClusterUnderTest> StartAsync(ApiServerDoubleOptions? options = null)
    {
        var server = await ApiServerDouble.StartAsync(options);
        server.RequiredToken = Token;
        return new ClusterUnderTest(server, Directory.CreateTempSubdirectory("energyctl-cluster-"));
    }

    /// <summary>A kubeconfig naming a loopback port nothing listens on.</summary>
    public static string WriteKubeConfigForClosedPort(DirectoryInfo work)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return WriteKubeConfig(work, new Uri($"http://127.0.0.1:{port}"));
    }

    public Task<(int ExitCode, string Output, string Error)> EnergyctlAsync(params string[] args) =>
        EnergyctlProcess.RunAsync(Work.FullName, [.. args, "--kubeconfig", KubeConfig]);

    public string WriteManifest(string name = "spam", string model = "lr")
    {
        var path = Path.Combine(Work.FullName, $"{name}.yaml");
        File.WriteAllText(path, $$"""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata:
              name: {{name}}
            spec:
              dataset: { builtin: spam-assassin }
              models: [ { name: {{model}}, classic: { engine: native } } ]
            """);
        return path;
    }

    public EnergyBenchmark? Get(string name) => Server.Get(KubernetesResources.EnergyBenchmarks, Namespace, name);

    public EnergyBenchmark Seed(EnergyBenchmark benchmark) => Server.Create(KubernetesResources.EnergyBenchmarks, benchmark);

    /// <summary>Once <paramref name="name"/> exists and energyctl is watching it, writes the status <paramref name="status"/> builds from its generation.</summary>
    public async Task WriteStatusOnceWatchedAsync(string name, Func<long, EnergyBenchmarkStatus> status, Action? beforeWrite = null)
    {
        using var patience = new CancellationTokenSource(Patience);
        EnergyBenchmark? benchmark;
        while ((benchmark = Get(name)) is null || Server.Store.OpenWatches == 0)
        {
            await Task.Delay(25, patience.Token);
        }

        beforeWrite?.Invoke();
        WriteStatus(name, status(benchmark.Metadata.Generation ?? 1));
    }

    public void WriteStatus(string name, EnergyBenchmarkStatus status)
    {
        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, ContractsJsonContext.Default.EnergyBenchmarkStatus) };
        Server.Store.Patch(Server.KindOf(KubernetesResources.EnergyBenchmarks), Namespace, name, KubernetesPatch.MergePatchContentType, patch.ToJsonString(), statusOnly: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Work.Delete(recursive: true);
    }

    /// <summary>The bearer token the double requires.</summary>
    public static string RequiredToken => Token;

    /// <summary>A kubeconfig for this double whose user is <paramref name="user"/>, a YAML flow mapping (<c>{ exec: … }</c>).</summary>
    public string WriteKubeConfigWithUser(string fileName, string user) => WriteKubeConfig(Work, Server.BaseAddress, fileName, user);

    private static string WriteKubeConfig(DirectoryInfo work, Uri server, string? fileName = null, string? user = null)
    {
        var path = Path.Combine(work.FullName, fileName ?? $"kubeconfig-{server.Port}");
        user ??= $"{{ token: {Token} }}";
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            current-context: test
            contexts:
              - name: test
                context: { cluster: double, user: ci, namespace: {{Namespace}} }
            clusters:
              - name: double
                cluster: { server: "{{server}}" }
            users:
              - name: ci
                user: {{user}}
            """);
        return path;
    }
}
