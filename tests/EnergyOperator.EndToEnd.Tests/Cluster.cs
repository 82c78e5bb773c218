using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Testing.Kubelet;
using EnergyOperator.Kubernetes.Testing.Processes;
using EnergyOperator.Operator.Benchmarks;
using EnergyOperator.Testing;
using k8s.Models;

namespace EnergyOperator.EndToEnd.Tests;

/// <summary>
/// A cluster in a test: the API server double, a test kubelet running the real runner and meter binaries from this test's
/// output, and the real operator binary as a process. Disposing it stops everything and removes the pods' directories.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string RunnerImage = "registry.test/energy-runner:e2e";
    public const string MeterImage = "registry.test/energy-meter:e2e";

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _powercapRoot = Directory.CreateTempSubdirectory("e2e-powercap-");
    private OperatorProcess? _operator;

    private Cluster(ApiServerDouble server) => Server = server;

    public ApiServerDouble Server { get; }

    public TestKubelet Kubelet { get; private set; } = null!;

    /// <summary>The images of the operator's pods, as the real binaries in this test's output directory.</summary>
    public static TestKubeletOptions KubeletOptions(string powercapRoot)
    {
        var options = new TestKubeletOptions { WorkingDirectory = RepositoryPaths.Root };
        options.Images.Add(ImageMapping.Dotnet("energy-runner", Path.Combine(AppContext.BaseDirectory, "energy-runner.dll")));
        options.Images.Add(ImageMapping.Dotnet("energy-meter", Path.Combine(AppContext.BaseDirectory, "energy-meter.dll")));
        options.HostPaths[RunnerPod.HostPowercapPath] = powercapRoot;
        options.PathVariables["ENERGY_RESULTS_DIR"] = RunnerPod.ResultsMountPath;
        options.TerminationMessageVariables.Add("ENERGY_TERMINATION_MESSAGE_PATH");
        options.TerminationMessageVariables.Add("ENERGY_METER_TERMINATION_MESSAGE_PATH");
        return options;
    }

    /// <param name="configureKubelet">Changes to the kubelet's options, e.g. an image mapped to a failing program.</param>
    public static async Task<Cluster> StartAsync(Action<TestKubeletOptions>? configureKubelet = null)
    {
        var cluster = new Cluster(await ApiServerDouble.StartAsync());

        var options = KubeletOptions(cluster._powercapRoot.FullName);
        configureKubelet?.Invoke(options);
        cluster.Kubelet = TestKubelet.Start(cluster.Server, options);
        await cluster.StartOperatorAsync();
        return cluster;
    }

    public async Task StartOperatorAsync()
    {
        _operator = await OperatorProcess.StartAsync(Server, new Dictionary<string, string>
        {
            ["EnergyOperator__RunnerImage"] = RunnerImage,
            ["EnergyOperator__MeterImage"] = MeterImage,
            ["EnergyOperator__MeterSecurity"] = nameof(MeterSecurityMode.Capabilities),
        });
        await _operator.WaitUntilReadyAsync(Guard);
    }

    /// <summary>Stops the operator as a rolling update does (SIGTERM): its pods keep running, its lease is released.</summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is not null)
        {
            Assert.Equal(0, await _operator.TerminateAsync());
            await _operator.DisposeAsync();
            _operator = null;
        }
    }

    public EnergyBenchmark Apply(string name, EnergyBenchmarkSpec spec) =>
        Server.Create(KubernetesResources.EnergyBenchmarks, new EnergyBenchmark { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace }, Spec = spec });

    public EnergyBenchmark Get(string name) => Server.Get(KubernetesResources.EnergyBenchmarks, Namespace, name)!;

    /// <summary>Waits for <paramref name="condition"/>; on timeout, fails with the benchmark's status and every container's log.</summary>
    public async Task<EnergyBenchmark> WaitForAsync(string name, Func<EnergyBenchmark, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Guard);
        while (!timeout.IsCancellationRequested)
        {
            if (Get(name) is { } benchmark && condition(benchmark))
            {
                return benchmark;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        Assert.Fail($"Timed out after {Guard.TotalSeconds} s waiting for {what}.\n{Describe(name)}");
        return null!;
    }

    public Task<EnergyBenchmark> WaitForCompleteAsync(string name) =>
        WaitForAsync(name, b => b.Status?.Conditions.Any(c => c is { Type: BenchmarkConditions.Complete, Status: "True" }) == true, $"{name} to complete");

    /// <summary>The benchmark's status and the logs of every container the kubelet ran: what a failed assertion needs.</summary>
    public string Describe(string name)
    {
        var text = new StringBuilder();
        text.AppendLine(Get(name) is { Status: { } status } ? JsonSerializer.Serialize(status, ContractsJsonContext.Default.Options) : "(no status)");
        foreach (var pod in Kubelet.Pods())
        {
            foreach (var container in new[] { RunnerPod.MeterContainer, RunnerPod.RunnerContainer })
            {
                text.AppendLine($"--- {pod}/{container}").AppendLine(Kubelet.Logs(pod, container));
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        await Kubelet.DisposeAsync();
        await Server.DisposeAsync();
        _powercapRoot.Delete(recursive: true);
    }
}
