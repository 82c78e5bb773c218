using System.Collections.Concurrent;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Controllers.Reconciliation;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;
using Prometheus;
using k8s.Models;

namespace EnergyOperator.Controllers.Tests;

public sealed class ControllerTests : ApiServerTest
{
    private static readonly ObjectKey B1 = new("default", "b1");
    private readonly ManualTimeProvider _time = new();
    private readonly IMetricFactory _metrics = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry());
    private readonly ScriptedReconciler _reconciler = new();

    [Fact]
    public async Task RunAsync_ReconcilerFailsTwice_RetriesWithDoublingBackoffThenForgets()
    {
        _reconciler.Script(B1, _ => throw new InvalidOperationException("boom"), _ => throw new InvalidOperationException("boom"));
        var controller = NewController();
        await using var run = Run(controller);
        await Benchmarks.CreateAsync(Benchmark("b1"));

        await WaitUntilAsync(() => Results("error") == 1, "the first failure was handled");
        Assert.Equal(1, controller.Queue.Failures(B1));
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await WaitUntilAsync(() => Results("error") == 2, "the second failure was handled");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, _reconciler.Calls(B1));
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await WaitUntilAsync(() => Results("success") == 1, "the third attempt succeeded");

        Assert.Equal(3, _reconciler.Calls(B1));
        Assert.Equal(0, controller.Queue.Failures(B1));
    }

    [Fact]
    public async Task RunAsync_RequeueAfter_ReconcilesAgainWhenDue()
    {
        _reconciler.Script(B1, _ => ReconcileResult.After(TimeSpan.FromSeconds(30)));
        await using var run = Run(NewController());
        await Benchmarks.CreateAsync(Benchmark("b1"));
        await WaitUntilAsync(() => Results("requeue") == 1, "the first reconcile asked for a requeue");

        _time.Advance(TimeSpan.FromSeconds(30));

        await WaitUntilAsync(() => _reconciler.Calls(B1) == 2, "the requeue ran");
    }

    [Fact]
    public async Task RunAsync_OwnedPodChanges_ReconcilesItsOwner()
    {
        var pods = new Informer<V1Pod>(Client, KubernetesResources.Pods, new InformerOptions { Namespace = "default" });
        await using var run = Run(NewController().Owns(pods));
        var owner = await Benchmarks.CreateAsync(Benchmark("b1"));
        await WaitUntilAsync(() => _reconciler.Calls(B1) == 1, "the owner was reconciled");

        await Pods.CreateAsync(PodOwnedBy("b1-run-0", owner));

        await WaitUntilAsync(() => _reconciler.Calls(B1) == 2, "the pod's creation reconciled the owner");
        Assert.Equal(0, _reconciler.Calls(new ObjectKey("default", "b1-run-0")));
    }

    [Fact]
    public async Task RunAsync_TerminalException_IsNotRetried()
    {
        _reconciler.Script(B1, _ => throw new TerminalReconcileException("spec names an unknown model"));
        await using var run = Run(NewController());
        await Benchmarks.CreateAsync(Benchmark("b1"));
        await WaitUntilAsync(() => Results("terminal") == 1, "the terminal failure was handled");

        // A retry would be due long before this; the later key then proves the single worker got past it.
        _time.Advance(TimeSpan.FromHours(1));
        await Benchmarks.CreateAsync(Benchmark("b2"));
        await WaitUntilAsync(() => _reconciler.Calls(new ObjectKey("default", "b2")) == 1, "the next key was reconciled");

        Assert.Equal(1, _reconciler.Calls(B1));
    }

    [Fact]
    public async Task RunAsync_ResyncPeriodElapses_QueuesEveryCachedOwner()
    {
        var controller = NewController(new ControllerOptions { Workers = 1, ResyncPeriod = TimeSpan.FromMinutes(10) });
        await using var run = Run(controller);
        await Benchmarks.CreateAsync(Benchmark("b1"));
        await WaitUntilAsync(() => _reconciler.Calls(B1) == 1 && _time.RequestedDelays.Contains(TimeSpan.FromMinutes(10)), "the first reconcile ran and the resync timer started");

        _time.Advance(TimeSpan.FromMinutes(10));

        await WaitUntilAsync(() => _reconciler.Calls(B1) == 2, "the resync reconciled the owner again");
    }

    private Controller<EnergyBenchmark> NewController(ControllerOptions? options = null)
    {
        var benchmarks = new Informer<EnergyBenchmark>(Client, KubernetesResources.EnergyBenchmarks, new InformerOptions { Namespace = "default" });
        return new Controller<EnergyBenchmark>(
            benchmarks, _reconciler, options ?? new ControllerOptions { Workers = 1, ResyncPeriod = TimeSpan.Zero }, metrics: _metrics, timeProvider: _time);
    }

    private double Results(string result) => _metrics.CreateCounter("energy_operator_reconcile_total", "", ["controller", "result"]).WithLabels("energybenchmark", result).Value;

    private static RunningController Run<T>(Controller<T> controller)
        where T : class => new(controller.RunAsync);

    private sealed class RunningController : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public RunningController(Func<CancellationToken, Task> run) => _run = run(_stop.Token);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(Guard);
            _stop.Dispose();
        }
    }

    /// <summary>Answers each key's reconciles from a script, then with <see cref="ReconcileResult.Done"/>; counts calls.</summary>
    private sealed class ScriptedReconciler : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, int> _calls = new();
        private readonly ConcurrentDictionary<ObjectKey, Func<ObjectKey, ReconcileResult>[]> _scripts = new();

        public void Script(ObjectKey key, params Func<ObjectKey, ReconcileResult>[] steps) => _scripts[key] = steps;

        public int Calls(ObjectKey key) => _calls.GetValueOrDefault(key);

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            var call = _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            var steps = _scripts.GetValueOrDefault(key) ?? [];
            var step = call <= steps.Length ? steps[call - 1] : null;
            return Task.FromResult(step is null ? ReconcileResult.Done : step(key));
        }
    }
}
