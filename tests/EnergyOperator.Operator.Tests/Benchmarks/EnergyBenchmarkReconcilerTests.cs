using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers;
using EnergyOperator.Controllers.Events;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Serialization;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Operator.Benchmarks;
using EnergyOperator.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;
using k8s;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

/// <summary>The reconciler against the API server double, with the double playing the kubelet.</summary>
public sealed class EnergyBenchmarkReconcilerTests : IAsyncLifetime
{
    private const string Namespace = "bench";
    private const string Name = "spam";

    private readonly RecordingEventRecorder _events = new();
    private readonly ManualTimeProvider _time = new();
    private readonly BenchmarkOperatorOptions _options = Options();
    private ApiServerDouble _server = null!;
    private KubernetesClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions { TimeProvider = _time });
        _client = new KubernetesClient(_server.ClientConfiguration(Namespace), new KubernetesClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task FirstPass_CreatesParallelismPodsInPlanOrder()
    {
        var plan = CreateBenchmark(Spec([8, 16], repetitions: 2, parallelism: 2));

        var result = await ReconcileAsync();

        Assert.Same(ReconcileResult.Done, result);
        Assert.Equal(Sorted(plan[0].Name, plan[1].Name), PodNames());
        var status = Benchmark().Status!;
        Assert.Equal((1L, BenchmarkPhases.Pending, 4, 0), (status.ObservedGeneration, status.Phase, status.RunsTotal, status.RunsDone));
        AssertCondition(status, BenchmarkConditions.Ready, "True", "Progressing");
        AssertCondition(status, BenchmarkConditions.Complete, "False", "RunsPending");
        Assert.Equal([BenchmarkEventReasons.RunCreated, BenchmarkEventReasons.RunCreated], _events.Reasons);
    }

    [Fact]
    public async Task PodsInFlight_AreNotCreatedAgain()
    {
        CreateBenchmark(Spec([8, 16], parallelism: 1));
        await ReconcileAsync();
        Kubelet(PodNames()[0], Status("Running", Running()));

        await ReconcileAsync();

        Assert.Single(PodNames());
        Assert.Equal(1, PodCreates());
        Assert.Equal(BenchmarkPhases.Running, Benchmark().Status!.Phase);
    }

    [Fact]
    public async Task FinishedRun_IsRecordedAndTheNextPodCreated()
    {
        var plan = CreateBenchmark(Spec([8, 16, 32], parallelism: 2));
        await ReconcileAsync();
        var result = Succeeded(plan[0].Name, accuracy: 0.91);
        Kubelet(plan[0].Name, SucceededStatus(result));

        await ReconcileAsync();

        var status = Benchmark().Status!;
        Assert.Equal(Json(result), Json(Assert.Single(status.Runs)));
        Assert.Equal((BenchmarkPhases.Running, 1), (status.Phase, status.RunsDone));
        Assert.Equal(Sorted(plan[0].Name, plan[1].Name, plan[2].Name), PodNames());
        Assert.Contains(_events.Events, e => e is { Reason: BenchmarkEventReasons.RunSucceeded, Type: EventType.Normal } && e.Message.Contains(plan[0].Name));
    }

    [Fact]
    public async Task AllRunsSucceeded_StatusIsCompleteWithRunsAndSummary()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 1));

        await RunToCompletionAsync(run => SucceededStatus(Succeeded(run.Name, accuracy: run.BatchSize == 8 ? 0.9 : 0.8, joules: 10, batchSize: run.BatchSize)));

        var status = Benchmark().Status!;
        Assert.Equal(BenchmarkPhases.Complete, status.Phase);
        Assert.Equal(plan.Select(r => r.Name), status.Runs.Select(r => r.Name));
        Assert.Equal((2, 2, 0.9, 20.0), (status.RunsTotal, status.RunsDone, status.BestAccuracy, status.TotalJoules));
        Assert.Equal((2, 2, 0), (status.Summary!.RunsTotal, status.Summary.RunsSucceeded, status.Summary.RunsFailed));
        AssertCondition(status, BenchmarkConditions.Complete, "True", "AllRunsFinished");
        AssertCondition(status, BenchmarkConditions.Failed, "False", "NoRunFailed");
        AssertCondition(status, BenchmarkConditions.Ready, "True", "Completed");
        Assert.Single(_events.Events, e => e.Reason == BenchmarkEventReasons.Completed);
        Assert.Equal(Sorted([.. plan.Select(r => r.Name)]), PodNames());
    }

    [Fact]
    public async Task InvalidSpec_IsReportedOnceAndCreatesNoPods()
    {
        // Rules the CRD schema cannot express (it refuses the rest at kubectl apply, see the next test).
        var spec = Spec();
        spec.Measurement.Meters = [MeterKind.Auto, MeterKind.Rapl];
        spec.Models = [new ModelSpec { Name = "lr", Classic = new ClassicModelSpec { WordNgrams = new NgramRange(3, 1) } }];
        CreateBenchmark(spec);

        var result = await ReconcileAsync();
        var written = Benchmark();
        _time.Advance(TimeSpan.FromMinutes(5));
        await ReconcileAsync();

        Assert.Same(ReconcileResult.Done, result);
        Assert.Empty(PodNames());
        var status = written.Status!;
        Assert.Equal(BenchmarkPhases.Invalid, status.Phase);
        var invalid = AssertCondition(status, BenchmarkConditions.Invalid, "True", "InvalidSpec");
        Assert.Contains("spec.measurement.meters: auto already chooses every available sensor", invalid.Message);
        Assert.Contains("spec.models[0].classic.wordNgrams: needs 1 ≤ min ≤ max", invalid.Message);
        AssertCondition(status, BenchmarkConditions.Ready, "False", "InvalidSpec");
        AssertCondition(status, BenchmarkConditions.Complete, "False", "InvalidSpec");
        Assert.Equal(written.Metadata.ResourceVersion, Benchmark().Metadata.ResourceVersion);
        var warning = Assert.Single(_events.Events);
        Assert.Equal((EventType.Warning, BenchmarkEventReasons.InvalidSpec), (warning.Type, warning.Reason));
    }

    [Fact]
    public async Task SpecOutsideThePlacementPolicy_IsInvalidAndCreatesNoPods()
    {
        var spec = Spec();
        spec.Hardware = [new HardwareTarget { Name = "anywhere", Tolerations = [new Toleration { Operator = "Exists" }] }];
        CreateBenchmark(spec);

        await ReconcileAsync();

        Assert.Empty(PodNames());
        var invalid = AssertCondition(Benchmark().Status!, BenchmarkConditions.Invalid, "True", "InvalidSpec");
        Assert.Contains("spec.hardware[0].tolerations: a toleration without a key tolerates every taint", invalid.Message);
    }

    [Fact]
    public void SpecViolatingTheCrdSchema_IsRefusedByTheApiServerAsByACluster()
    {
        var spec = Spec();
        spec.Parallelism = 0;
        spec.Models = [new ModelSpec { Name = "Bad_Name", Classic = new ClassicModelSpec() }];

        var error = Assert.ThrowsAny<Exception>(() => CreateBenchmark(spec));

        Assert.Contains("spec.parallelism: 0 is below the minimum 1", error.Message);
        Assert.Contains("spec.models[0].name: 'Bad_Name' does not match", error.Message);
        Assert.Null(_server.Get(KubernetesResources.EnergyBenchmarks, Namespace, Name));
    }

    [Fact]
    public async Task RunnerCrash_FailsTheRunWithItsReasonAndNoMeasurement()
    {
        var plan = CreateBenchmark(Spec(parallelism: 1));

        await RunToCompletionAsync(_ => Status("Failed", Terminated(1, "Unhandled exception: model.onnx is corrupt")));

        var status = Benchmark().Status!;
        var run = Assert.Single(status.Runs);
        Assert.Equal((plan[0].Name, RunOutcome.Failed, RunFailureReasons.RunnerFailed), (run.Name, run.Outcome, run.Reason));
        Assert.Contains("model.onnx is corrupt", run.Message);
        Assert.False(run.IsValidMeasurement);
        Assert.Equal(BenchmarkPhases.Failed, status.Phase);
        Assert.Equal((null, null, 1), (status.BestAccuracy, status.TotalJoules, status.Summary!.RunsFailed));
        AssertCondition(status, BenchmarkConditions.Failed, "True", "RunsFailed");
        AssertCondition(status, BenchmarkConditions.Complete, "True", "AllRunsFinished");
        Assert.Contains(_events.Events, e => e is { Reason: BenchmarkEventReasons.RunFailed, Type: EventType.Warning });
    }

    [Fact]
    public async Task DeadlineExceeded_FailsTheRun()
    {
        CreateBenchmark(Spec(parallelism: 1));

        await RunToCompletionAsync(_ =>
        {
            var status = Status("Failed", Terminated(137));
            status.Reason = "DeadlineExceeded";
            return status;
        });

        Assert.Equal(RunFailureReasons.DeadlineExceeded, Assert.Single(Benchmark().Status!.Runs).Reason);
    }

    [Fact]
    public async Task PodNoNodeTakes_FailsItsRunAfterTheTimeoutWithTheSchedulersReason()
    {
        var spec = Spec([8, 16], parallelism: 1);
        spec.Runtime.TimeoutSeconds = 600;
        var plan = CreateBenchmark(spec);
        await ReconcileAsync();
        var unschedulable = new V1PodStatus
        {
            Phase = "Pending",
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu." }],
        };
        Kubelet(plan[0].Name, unschedulable);

        // activeDeadlineSeconds never starts counting for a pod that never starts: the reconciler must wake itself.
        var waiting = await ReconcileAsync();
        Assert.Equal(TimeSpan.FromSeconds(600), waiting.RequeueAfter);
        Assert.Empty(Benchmark().Status!.Runs);

        _time.Advance(TimeSpan.FromSeconds(601));
        await ReconcileAsync();

        var run = Assert.Single(Benchmark().Status!.Runs);
        Assert.Equal((plan[0].Name, RunFailureReasons.Unschedulable), (run.Name, run.Reason));
        Assert.Contains("Insufficient nvidia.com/gpu", run.Message);
        Assert.False(run.IsValidMeasurement);
        Assert.Equal([plan[1].Name], PodNames());
    }

    [Fact]
    public async Task ImagePullFailure_FailsTheRunDeletesItsPodAndFreesTheSlot()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 1));
        await ReconcileAsync();
        Kubelet(plan[0].Name, Status("Pending", Waiting("ImagePullBackOff", "Back-off pulling image")));

        await ReconcileAsync();

        var run = Assert.Single(Benchmark().Status!.Runs);
        Assert.Equal((plan[0].Name, RunFailureReasons.ImagePullFailed), (run.Name, run.Reason));
        Assert.Equal([plan[1].Name], PodNames());
        AssertCondition(Benchmark().Status!, BenchmarkConditions.Failed, "True", "RunsFailed");
        AssertCondition(Benchmark().Status!, BenchmarkConditions.Complete, "False", "RunsPending");
    }

    [Fact]
    public async Task RunnerExitedWhileMeterStops_KeepsThePodAndNeverCreatesTheRunAgain()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 1));
        var (reconciler, benchmarks) = LaggingReconciler();
        await reconciler.ReconcileAsync(Key, CancellationToken.None);
        var result = Succeeded(plan[0].Name);
        Kubelet(plan[0].Name, Status("Running", Terminated(0, Json(result)), Running()));

        // The pass that records the result, then one whose benchmark cache has not seen that write yet.
        benchmarks.Freeze(Key);
        await reconciler.ReconcileAsync(Key, CancellationToken.None);
        await reconciler.ReconcileAsync(Key, CancellationToken.None);

        Assert.Equal(Sorted(plan[0].Name, plan[1].Name), PodNames());
        Assert.Equal(2, PodCreates());
        Assert.Equal(0, PodDeletes());
        Assert.Equal(Json(result), Json(Assert.Single(Benchmark().Status!.Runs)));
    }

    [Fact]
    public async Task FailedRunWhosePodWasDeleted_IsNotCreatedAgainByAPassOnALaggingCache()
    {
        var plan = CreateBenchmark(Spec([8, 16, 32], parallelism: 2));
        var (reconciler, benchmarks) = LaggingReconciler();
        await reconciler.ReconcileAsync(Key, CancellationToken.None);
        Kubelet(plan[0].Name, Status("Pending", Waiting("ImagePullBackOff", "Back-off pulling image")));
        Kubelet(plan[1].Name, SucceededStatus(Succeeded(plan[1].Name)));

        benchmarks.Freeze(Key);
        await reconciler.ReconcileAsync(Key, CancellationToken.None);
        var afterDelete = PodNames();
        await reconciler.ReconcileAsync(Key, CancellationToken.None);
        benchmarks.CatchUp();
        await reconciler.ReconcileAsync(Key, CancellationToken.None);

        Assert.Equal(Sorted(plan[1].Name, plan[2].Name), afterDelete);
        Assert.Equal(afterDelete, PodNames());
        Assert.Equal(3, PodCreates());
        Assert.Equal([plan[0].Name, plan[1].Name], Benchmark().Status!.Runs.Select(r => r.Name));
    }

    [Fact]
    public async Task PodRejectedByTheApiServer_FailsTheRunAndGoesOn()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 1));
        _server.Faults.FailNext(1, 422, r => r.Method == "POST" && r.Path.EndsWith("/pods", StringComparison.Ordinal));

        await ReconcileAsync();

        var run = Assert.Single(Benchmark().Status!.Runs);
        Assert.Equal((plan[0].Name, RunFailureReasons.PodRejected), (run.Name, run.Reason));
        Assert.Equal([plan[1].Name], PodNames());
    }

    [Fact]
    public async Task NewReconcilerAfterRestart_AdoptsPodsAndKeepsResults()
    {
        var plan = CreateBenchmark(Spec([8, 16, 32], parallelism: 2));
        await ReconcileAsync();
        var first = Succeeded(plan[0].Name);
        Kubelet(plan[0].Name, SucceededStatus(first));

        await ReconcileAsync();
        await ReconcileAsync();

        Assert.Equal(3, PodCreates());
        Assert.Equal(Sorted(plan[0].Name, plan[1].Name, plan[2].Name), PodNames());
        Assert.Equal(Json(first), Json(Assert.Single(Benchmark().Status!.Runs)));
    }

    [Fact]
    public async Task PodWithoutTheRunsDigest_IsNotAdoptedButWarnedAboutAndDeletedSoTheRunGetsItsOwnPod()
    {
        var plan = CreateBenchmark(Spec(parallelism: 1));
        var impostor = new RunPodBuilder(_options).Build(Benchmark(), plan[0]);
        impostor.Metadata.Annotations = impostor.Metadata.Annotations!.Where(a => a.Key != RunPodBuilder.RunDigestAnnotation).ToDictionary();
        _server.Create(KubernetesResources.Pods, impostor);
        Kubelet(plan[0].Name, SucceededStatus(Succeeded(plan[0])));

        await ReconcileAsync();

        Assert.Empty(Benchmark().Status!.Runs);
        Assert.Contains(_events.Events, e => e is { Reason: BenchmarkEventReasons.ForeignPod, Type: EventType.Warning } && e.Message.Contains("deleting it"));
        Assert.Equal((1, 0), (PodDeletes(), PodCreates()));
        Assert.Empty(PodNames());

        await ReconcileAsync();

        var own = Assert.Single(_server.List(KubernetesResources.Pods, Namespace));
        Assert.True(RunPodBuilder.IsCreatedFor(own, Benchmark().Metadata.Uid!, plan[0]));
    }

    [Fact]
    public async Task PodWithAnotherRunsDigestRunningOurRunner_IsLeftToFinishAndItsResultIgnored()
    {
        var plan = CreateBenchmark(Spec(parallelism: 1));
        await ReconcileAsync();
        var pods = _server.KindOf(KubernetesResources.Pods);
        _server.Store.Patch(pods, Namespace, plan[0].Name, KubernetesPatch.MergePatchContentType,
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RunPodBuilder.RunDigestAnnotation] = plan[0].Digest("another-uid") } } }.ToJsonString());
        Kubelet(plan[0].Name, Status("Running", Running()));

        await ReconcileAsync();

        Assert.Equal((0, 1), (PodDeletes(), PodCreates()));
        Assert.Contains(_events.Events, e => e is { Reason: BenchmarkEventReasons.ForeignPod, Type: EventType.Warning } && e.Message.Contains("waiting for its runner"));

        Kubelet(plan[0].Name, SucceededStatus(Succeeded(plan[0])));
        await ReconcileAsync();

        Assert.Empty(Benchmark().Status!.Runs);
        Assert.Equal(1, PodDeletes());
    }

    [Fact]
    public async Task RecordedRunWhosePodWasDeleted_IsNeitherLostNorRunAgain()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 1));
        await ReconcileAsync();
        Kubelet(plan[0].Name, SucceededStatus(Succeeded(plan[0].Name)));
        await ReconcileAsync();

        await PodsClient().DeleteAsync(plan[0].Name);
        await ReconcileAsync();

        Assert.Equal(plan[0].Name, Assert.Single(Benchmark().Status!.Runs).Name);
        Assert.Equal([plan[1].Name], PodNames());
        Assert.Equal(2, PodCreates());
    }

    [Fact]
    public async Task PodVanishedBeforeItsRunFinished_IsCreatedAgain()
    {
        var plan = CreateBenchmark(Spec(parallelism: 1));
        await ReconcileAsync();
        await PodsClient().DeleteAsync(plan[0].Name);

        await ReconcileAsync();

        Assert.Equal([plan[0].Name], PodNames());
        Assert.Equal(2, PodCreates());
        Assert.Empty(Benchmark().Status!.Runs);
    }

    [Fact]
    public async Task UnchangedWorld_DoesNotRewriteStatus()
    {
        CreateBenchmark(Spec([8, 16], parallelism: 1));
        await ReconcileAsync();
        var before = Benchmark();
        var writes = StatusWrites();
        // Time passes, within the run's start timeout: nothing to record.
        _time.Advance(TimeSpan.FromMinutes(10));

        await ReconcileAsync();

        Assert.Equal(before.Metadata.ResourceVersion, Benchmark().Metadata.ResourceVersion);
        Assert.Equal(writes, StatusWrites());
    }

    [Fact]
    public async Task Progress_KeepsLastTransitionTimeUntilTheConditionFlips()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 2));
        await ReconcileAsync();
        var created = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(1));
        Kubelet(plan[0].Name, SucceededStatus(Succeeded(plan[0].Name)));

        await ReconcileAsync();
        var midway = AssertCondition(Benchmark().Status!, BenchmarkConditions.Complete, "False", "RunsPending");
        _time.Advance(TimeSpan.FromMinutes(1));
        Kubelet(plan[1].Name, SucceededStatus(Succeeded(plan[1].Name)));
        await ReconcileAsync();

        Assert.Equal("1 of 2 runs done", midway.Message);
        Assert.Equal(created, midway.LastTransitionTime);
        Assert.Equal(created.AddMinutes(2), AssertCondition(Benchmark().Status!, BenchmarkConditions.Complete, "True", "AllRunsFinished").LastTransitionTime);
        Assert.Equal(created, AssertCondition(Benchmark().Status!, BenchmarkConditions.Ready, "True", "Completed").LastTransitionTime);
    }

    [Fact]
    public async Task SpecChange_KeepResults_KeepsRunsStillPlannedAndReplacesTheRest()
    {
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 2));
        await ReconcileAsync();
        var kept = Succeeded(plan[0].Name);
        Kubelet(plan[0].Name, SucceededStatus(kept));
        Kubelet(plan[1].Name, SucceededStatus(Succeeded(plan[1].Name)));
        await ReconcileAsync();

        var newPlan = await ChangeSpecAsync(Spec([8, 32], parallelism: 2));
        await ReconcileAsync();

        var status = Benchmark().Status!;
        Assert.Equal((2L, 2, 1), (status.ObservedGeneration, status.RunsTotal, status.RunsDone));
        Assert.Equal(Json(kept), Json(Assert.Single(status.Runs)));
        Assert.Equal(Sorted(plan[0].Name, newPlan[1].Name), PodNames());
        Assert.Equal(1, status.Summary!.RunsSucceeded);
    }

    [Fact]
    public async Task SpecChange_Restart_DropsResultsAndRecreatesEveryPod()
    {
        _options.SpecChangePolicy = SpecChangePolicy.Restart;
        var plan = CreateBenchmark(Spec([8, 16], parallelism: 2));
        await ReconcileAsync();
        Kubelet(plan[0].Name, SucceededStatus(Succeeded(plan[0].Name)));
        await ReconcileAsync();

        var newPlan = await ChangeSpecAsync(Spec([8, 32], parallelism: 2));
        await ReconcileAsync();
        var afterRestart = Benchmark().Status!;
        var podsAfterRestart = PodNames();
        await ReconcileAsync();

        Assert.Empty(afterRestart.Runs);
        Assert.Equal((2L, BenchmarkPhases.Pending), (afterRestart.ObservedGeneration, afterRestart.Phase));
        Assert.Equal([newPlan[1].Name], podsAfterRestart);
        Assert.Equal(Sorted([.. newPlan.Select(r => r.Name)]), PodNames());
        Assert.All(_server.List(KubernetesResources.Pods, Namespace), p => Assert.Equal("2", p.Metadata.Annotations![RunPodBuilder.GenerationAnnotation]));
    }

    [Fact]
    public async Task StatusConflict_IsRethrownForTheRuntimeToRequeue()
    {
        CreateBenchmark(Spec());
        _server.Faults.FailNext(1, 409, r => r.Method == "PUT" && r.Path.EndsWith("/status", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => ReconcileAsync());

        Assert.True(error.IsConflict);
    }

    [Fact]
    public async Task BenchmarkGone_IsDoneWithoutRequests()
    {
        var result = await ReconcileAsync();

        Assert.Same(ReconcileResult.Done, result);
        Assert.Empty(_server.Requests);
    }

    private IReadOnlyList<RunPlan> CreateBenchmark(EnergyBenchmarkSpec spec)
    {
        var stored = _server.Create(KubernetesResources.EnergyBenchmarks, new EnergyBenchmark
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
            Spec = spec,
        });
        return RunPlanner.Expand(stored);
    }

    private async Task<IReadOnlyList<RunPlan>> ChangeSpecAsync(EnergyBenchmarkSpec spec)
    {
        var client = _client.Namespaced(KubernetesResources.EnergyBenchmarks, Namespace);
        var updated = await client.ReplaceAsync(Benchmark() with { Spec = spec });
        return RunPlanner.Expand(updated);
    }

    private EnergyBenchmarkReconciler NewReconciler() => new(
        new ApiServerObjectCache<EnergyBenchmark>(_server, KubernetesResources.EnergyBenchmarks),
        new ApiServerObjectCache<V1Pod>(_server, KubernetesResources.Pods),
        _client,
        _events,
        _options,
        _time,
        NullLogger<EnergyBenchmarkReconciler>.Instance);

    private static ObjectKey Key => new(Namespace, Name);

    /// <summary>One reconciler kept across passes, over a benchmark cache the test can hold back.</summary>
    private (EnergyBenchmarkReconciler Reconciler, LaggingObjectCache<EnergyBenchmark> Benchmarks) LaggingReconciler()
    {
        var benchmarks = new LaggingObjectCache<EnergyBenchmark>(new ApiServerObjectCache<EnergyBenchmark>(_server, KubernetesResources.EnergyBenchmarks));
        var reconciler = new EnergyBenchmarkReconciler(
            benchmarks, new ApiServerObjectCache<V1Pod>(_server, KubernetesResources.Pods), _client, _events, _options, _time,
            NullLogger<EnergyBenchmarkReconciler>.Instance);
        return (reconciler, benchmarks);
    }

    /// <summary>A fresh reconciler each pass: nothing may depend on memory between passes (an operator restart).</summary>
    private Task<ReconcileResult> ReconcileAsync() => NewReconciler().ReconcileAsync(new ObjectKey(Namespace, Name), CancellationToken.None);

    /// <summary>Reconciles, finishing every pod as <paramref name="finish"/> says, until every run is in status.</summary>
    private async Task RunToCompletionAsync(Func<RunPlan, V1PodStatus> finish)
    {
        var plan = RunPlanner.Expand(Benchmark());
        for (var pass = 0; pass <= plan.Count; pass++)
        {
            await ReconcileAsync();
            var recorded = Benchmark().Status!.Runs.Select(r => r.Name).ToHashSet();
            foreach (var run in plan.Where(r => !recorded.Contains(r.Name) && PodNames().Contains(r.Name)))
            {
                Kubelet(run.Name, finish(run));
            }
        }

        Assert.Equal(plan.Count, Benchmark().Status!.RunsDone);
    }

    private ResourceClient<V1Pod> PodsClient() => _client.Namespaced(KubernetesResources.Pods, Namespace);

    private EnergyBenchmark Benchmark() => _server.Get(KubernetesResources.EnergyBenchmarks, Namespace, Name)!;

    /// <summary>The pods' names, ordered by name as the store lists them.</summary>
    private List<string> PodNames() => _server.List(KubernetesResources.Pods, Namespace).Select(p => p.Metadata.Name!).ToList();

    private static IEnumerable<string> Sorted(params string[] names) => names.Order(StringComparer.Ordinal);

    private int PodCreates() => _server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/pods", StringComparison.Ordinal));

    private int PodDeletes() => _server.Requests.Count(r => r.Method == "DELETE" && r.Path.Contains("/pods/", StringComparison.Ordinal));

    private int StatusWrites() => _server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/status", StringComparison.Ordinal));

    /// <summary>Writes a pod's status as the kubelet does, through <c>/status</c>.</summary>
    private void Kubelet(string pod, V1PodStatus status)
    {
        var patch = new JsonObject { ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)) };
        _server.Store.Patch(_server.KindOf(KubernetesResources.Pods), Namespace, pod, KubernetesPatch.MergePatchContentType, patch.ToJsonString(), statusOnly: true);
    }

    private static Condition AssertCondition(EnergyBenchmarkStatus status, string type, string expectedStatus, string reason)
    {
        var condition = Assert.Single(status.Conditions, c => c.Type == type);
        Assert.Equal((expectedStatus, reason), (condition.Status, condition.Reason));
        return condition;
    }
}
