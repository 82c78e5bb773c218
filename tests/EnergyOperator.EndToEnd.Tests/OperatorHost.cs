using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Models;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Operator.Benchmarks;
using EnergyOperator.Operator.Runtime.Controllers;
using EnergyOperator.Operator.Runtime.Events;
using EnergyOperator.Operator.Runtime.Informers;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.EndToEnd.Tests;

/// <summary>
/// The operator's controller wired as its host wires it (informers for benchmarks and their pods, the reconciler, the event
/// recorder), running in-process against the API server double until disposed, as a stopped operator pod would be.
/// </summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly KubernetesClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    private OperatorHost(ApiServerDouble server, BenchmarkOperatorOptions options)
    {
        _client = new KubernetesClient(server.ClientConfiguration());
        var benchmarks = new Informer<EnergyBenchmark>(_client, KubernetesResources.EnergyBenchmarks);
        var pods = new Informer<Pod>(_client, KubernetesResources.Pods, new InformerOptions { LabelSelector = RunnerPod.BenchmarkLabel });
        var reconciler = new EnergyBenchmarkReconciler(
            benchmarks, pods, _client, new EventRecorder(_client), options, TimeProvider.System, NullLogger<EnergyBenchmarkReconciler>.Instance);
        var controller = new Controller<EnergyBenchmark>(benchmarks, reconciler, new ControllerOptions { Workers = 2 }).Owns(pods);
        _run = controller.RunAsync(_stopping.Token);
    }

    public static OperatorHost Start(ApiServerDouble server, BenchmarkOperatorOptions options) => new(server, options);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _run;
        _client.Dispose();
        _stopping.Dispose();
    }
}
