using System.Text.Json;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Testing;

namespace EnergyOperator.EndToEnd.Tests;

/// <summary>
/// A pipeline step end to end: <c>energyctl submit --wait</c> with gates, against the API server, the real operator and real
/// runner and meter processes.
/// </summary>
public sealed class SubmitPipelineTests : IAsyncLifetime
{
    private const string Manifest = """
        apiVersion: energy.energyoperator.io/v1alpha1
        kind: EnergyBenchmark
        metadata: { name: gated }
        spec:
          dataset: { builtin: spam-assassin, limit: 300 }
          models: [ { name: lr, classic: { hashBits: 14, epochs: 3 } } ]
          runtime: { batchSizes: [16] }
          measurement: { meters: [estimate], sampleIntervalMs: 20 }
        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("e2e-submit-");
    private Cluster _cluster = null!;
    private string _kubeconfig = null!;
    private string _manifest = null!;

    public async Task InitializeAsync()
    {
        _cluster = await Cluster.StartAsync();
        _kubeconfig = await _cluster.Server.WriteKubeConfigAsync(Path.Combine(_work.FullName, "kubeconfig"), Cluster.Namespace);
        _manifest = Path.Combine(_work.FullName, "gated.yaml");
        await File.WriteAllTextAsync(_manifest, Manifest);
    }

    [Fact]
    public async Task SubmitWait_GatesMet_ExitsZeroWithTheFinishedStatus()
    {
        var (exit, output, error) = await EnergyctlProcess.RunAsync(
            RepositoryPaths.Root, "submit", "-f", _manifest, "--kubeconfig", _kubeconfig, "--wait", "--timeout", "2m", "-o", "json",
            "--gate-min-accuracy", "0.8", "--gate-max-joules-per-sample", "10");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{_cluster.Describe("gated")}");
        var printed = JsonSerializer.Deserialize(output, ContractsJsonContext.Default.EnergyBenchmark)!;
        Assert.True(BenchmarkConditions.IsTrue(printed.Status!.Conditions, BenchmarkConditions.Complete));
        var run = Assert.Single(printed.Status.Runs);
        Assert.True(run.IsValidMeasurement && run.Energy!.Estimated, $"{run.Reason} {run.Message}");
        Assert.Contains("runs done", error);
    }

    [Fact]
    public async Task SubmitWait_AccuracyGateMissed_ExitsOneWithAOneLineReason()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(
            RepositoryPaths.Root, "submit", "-f", _manifest, "--kubeconfig", _kubeconfig, "--wait", "--timeout", "2m", "--gate-min-accuracy", "0.9999");

        Assert.True(exit == 1, $"exit {exit}: {error}\n{_cluster.Describe("gated")}");
        var reason = Assert.Single(error.Split('\n'), line => line.Contains("gate failed", StringComparison.Ordinal));
        Assert.Contains("accuracy", reason);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _work.Delete(recursive: true);
    }
}
