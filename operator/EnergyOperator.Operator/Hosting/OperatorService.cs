using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers.Events;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Controllers.LeaderElection;
using EnergyOperator.Controllers.Reconciliation;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Operator.Benchmarks;
using Prometheus;
using k8s.Models;

namespace EnergyOperator.Operator.Hosting;

/// <summary>
/// Competes for leadership, and while leading runs one EnergyBenchmark controller (owning runner pods) per watched
/// namespace. Losing leadership stops the process with a non-zero exit code so Kubernetes restarts it as a candidate:
/// a former leader must not keep acting on stale caches.
/// </summary>
internal sealed class OperatorService(
    KubernetesClient client,
    OperatorHostOptions hostOptions,
    BenchmarkOperatorOptions benchmarkOptions,
    LeaderElectionOptions electionOptions,
    IMetricFactory metrics,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<OperatorService>();
    private IReadOnlyList<IInformer> _informers = [];
    private LeaderElector? _elector;

    /// <summary>A standby replica is ready; the leader is ready once every cache has synced.</summary>
    public bool IsReady => _elector is { IsLeader: false } || Volatile.Read(ref _informers) is { Count: > 0 } informers && informers.All(i => i.HasSynced);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _elector = new LeaderElector(client, electionOptions, loggers.CreateLogger<LeaderElector>(), time);
        _logger.LogInformation("Starting as {Identity}; leader election {Enabled}", _elector.Identity, electionOptions.Enabled ? "on" : "off");
        await _elector.RunAsync(LeadAsync, stoppingToken);
        if (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogWarning("Leadership lost; stopping so this replica restarts as a candidate");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private Task LeadAsync(CancellationToken cancellationToken)
    {
        var events = new EventRecorder(client, logger: loggers.CreateLogger<EventRecorder>(), timeProvider: time);
        var namespaces = hostOptions.Namespaces();
        var informers = new List<IInformer>();
        var reporters = new List<UnreadableObjectReporter>();
        var controllers = namespaces.Select(ns => CreateController(ns, events, informers, reporters)).ToList();

        // Published whole, once built: the readiness probe reads it from another thread.
        Volatile.Write(ref _informers, informers);
        _logger.LogInformation("Leading: watching {Namespaces}", string.Join(", ", namespaces.Select(n => n ?? "all namespaces")));
        return Task.WhenAll([
            .. controllers.Select(c => c.RunAsync(cancellationToken)),
            .. reporters.Select(r => r.RunAsync(cancellationToken)),
        ]);
    }

    private Controller<EnergyBenchmark> CreateController(
        string? @namespace, EventRecorder events, List<IInformer> informers, List<UnreadableObjectReporter> reporters)
    {
        var benchmarks = new Informer<EnergyBenchmark>(
            client, KubernetesResources.EnergyBenchmarks, new InformerOptions { Namespace = @namespace },
            loggers.CreateLogger<Informer<EnergyBenchmark>>(), metrics, time);
        // Only the pods this operator creates: every runner pod carries the benchmark label.
        var pods = new Informer<V1Pod>(
            client, KubernetesResources.Pods, new InformerOptions { Namespace = @namespace, LabelSelector = RunnerPod.BenchmarkLabel },
            loggers.CreateLogger<Informer<V1Pod>>(), metrics, time);
        informers.Add(benchmarks);
        informers.Add(pods);
        var unreadableBenchmarks = new UnreadableObjectReporter(
            events, KubernetesResources.EnergyBenchmarks.ApiVersion, KubernetesResources.EnergyBenchmarks.Kind,
            (unreadable, message, ct) => client.Namespaced(KubernetesResources.EnergyBenchmarks, unreadable.Metadata.NamespaceProperty!)
                .PatchStatusUntypedAsync(unreadable.Metadata.Name!, UnreadableBenchmarkStatus.Patch(unreadable, message, time.GetUtcNow()), ct),
            loggers.CreateLogger<UnreadableObjectReporter>());
        var unreadablePods = new UnreadableObjectReporter(
            events, KubernetesResources.Pods.ApiVersion, KubernetesResources.Pods.Kind, logger: loggers.CreateLogger<UnreadableObjectReporter>());
        benchmarks.SubscribeUnreadable(unreadableBenchmarks.Enqueue);
        pods.SubscribeUnreadable(unreadablePods.Enqueue);
        reporters.Add(unreadableBenchmarks);
        reporters.Add(unreadablePods);
        var reconciler = new EnergyBenchmarkReconciler(
            benchmarks, pods, client, events, benchmarkOptions, time, loggers.CreateLogger<EnergyBenchmarkReconciler>());
        return new Controller<EnergyBenchmark>(
                benchmarks, reconciler, new ControllerOptions { Name = $"energybenchmarks/{@namespace ?? "all"}" },
                loggers.CreateLogger<Controller<EnergyBenchmark>>(), metrics, time)
            .Owns(pods);
    }
}
