using System.Globalization;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Controllers;
using EnergyOperator.Controllers.Events;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// Drives an EnergyBenchmark: one pod per run, at most <c>spec.parallelism</c> at a time, in plan order; each finished run's
/// result is written to <c>status.runs</c> before anything deletes its pod, so a lost pod never loses a result.
/// Finished pods are kept for <c>kubectl logs</c> and garbage-collected with the benchmark; a pod whose run was decided
/// while its runner had not finished (an image that cannot be pulled, a failed meter) is deleted to free its slot. A pod
/// whose runner has exited is never deleted, even while its meter is still stopping.
/// </summary>
/// <remarks>
/// Pod changes reach this reconciler through the pod informer (pods are owned by the benchmark), so it never polls;
/// timeouts are the kubelet's (<c>activeDeadlineSeconds</c>). A 409 Conflict on the status write is rethrown: the
/// runtime requeues and the next pass reads the newer object. The benchmark cache may lag behind this reconciler's own
/// status writes; <see cref="WrittenBenchmarks"/> bridges that gap so that a recorded run is never created again.
/// </remarks>
public sealed partial class EnergyBenchmarkReconciler : IReconciler
{
    private readonly IObjectCache<EnergyBenchmark> _benchmarks;
    private readonly IObjectCache<V1Pod> _pods;
    private readonly KubernetesClient _client;
    private readonly IEventRecorder _events;
    private readonly BenchmarkOperatorOptions _options;
    private readonly RunPodBuilder _podBuilder;
    private readonly TimeProvider _time;
    private readonly ILogger<EnergyBenchmarkReconciler> _logger;
    private readonly WrittenBenchmarks _written = new();

    /// <param name="client">Writes pods and benchmark status, in the benchmark's namespace.</param>
    public EnergyBenchmarkReconciler(
        IObjectCache<EnergyBenchmark> benchmarks,
        IObjectCache<V1Pod> pods,
        KubernetesClient client,
        IEventRecorder events,
        BenchmarkOperatorOptions options,
        TimeProvider timeProvider,
        ILogger<EnergyBenchmarkReconciler> logger)
    {
        options.Validate();
        _benchmarks = benchmarks;
        _pods = pods;
        _client = client;
        _events = events;
        _options = options;
        _podBuilder = new RunPodBuilder(options);
        _time = timeProvider;
        _logger = logger;
    }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // Being deleted: the garbage collector removes the pods; nothing is left to record.
        if (_benchmarks.Get(key) is not { Metadata.DeletionTimestamp: null } cached)
        {
            _written.Forget(key);
            return ReconcileResult.Done;
        }

        var benchmark = _written.Newest(key, cached);

        IReadOnlyList<ValidationProblem> problems = [.. SpecValidator.Validate(benchmark), .. _options.Placement.Check(benchmark.Spec)];
        if (problems.Count > 0)
        {
            await ReportInvalidAsync(benchmark, problems, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var pass = Observe(benchmark);
        await CreatePodsAsync(benchmark, pass, cancellationToken).ConfigureAwait(false);

        var previous = benchmark.Status;
        var status = BenchmarkStatusBuilder.Progress(
            previous, benchmark.Metadata.Generation ?? 0, pass.Plan.Count, pass.Runs, pass.Started, Now(), benchmark.Spec.Measurement.GridIntensityGramsPerKWh);
        if (await WriteStatusAsync(benchmark, status, cancellationToken).ConfigureAwait(false))
        {
            await RecordOutcomeEventsAsync(benchmark, previous, status, pass.NewlyFinished, cancellationToken).ConfigureAwait(false);
        }

        foreach (var pod in pass.Foreign)
        {
            var action = pass.ToDelete.Contains(pod) ? "deleting it so that the run's own pod can be created" : "waiting for its runner to stop";
            await RecordAsync(benchmark, EventType.Warning, BenchmarkEventReasons.ForeignPod,
                $"pod {pod.Metadata.Name} was not created by this operator for run {pod.Metadata.Name} (its {RunPodBuilder.RunDigestAnnotation} annotation is missing or different): its result is ignored; {action}",
                cancellationToken).ConfigureAwait(false);
        }

        // Only now that their results are in status (or they never had one to give) may pods go.
        foreach (var pod in pass.ToDelete)
        {
            await DeletePodAsync(benchmark, pod, cancellationToken).ConfigureAwait(false);
        }

        // Nothing else would wake us for a pod that never starts: no event comes.
        return pass.WakeAt is { } wake ? ReconcileResult.After(wake - Now()) : ReconcileResult.Done;
    }

    /// <summary>Reads the plan, the results already recorded and the owned pods into what this pass must do.</summary>
    private ReconcilePass Observe(EnergyBenchmark benchmark)
    {
        var metadata = benchmark.Metadata;
        var generation = metadata.Generation ?? 0;
        var plan = RunPlanner.Expand(benchmark);
        var planned = plan.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var restart = _options.SpecChangePolicy == SpecChangePolicy.Restart
            && benchmark.Status?.ObservedGeneration is { } observed && observed < generation;
        var recorded = restart
            ? []
            : (benchmark.Status?.Runs ?? []).Where(r => planned.ContainsKey(r.Name)).ToDictionary(r => r.Name, StringComparer.Ordinal);

        var pass = new ReconcilePass(plan);
        var now = Now();
        var startTimeout = TimeSpan.FromSeconds(benchmark.Spec.Runtime.TimeoutSeconds);
        var pods = new Dictionary<string, V1Pod>(StringComparer.Ordinal);
        foreach (var pod in _pods.ListOwnedBy(metadata.Uid!).Where(p => p.Metadata.NamespaceProperty == metadata.NamespaceProperty))
        {
            var stale = _options.SpecChangePolicy == SpecChangePolicy.Restart && PodGeneration(pod) != generation;
            if (!planned.TryGetValue(pod.Metadata.Name!, out var podRun) || stale)
            {
                // Not this spec's: it goes, and a stale pod keeps its name taken until it is gone.
                pass.Delete(pod);
                pass.Occupied.Add(pod.Metadata.Name!);
                continue;
            }

            if (!RunPodBuilder.IsCreatedFor(pod, metadata.Uid!, podRun))
            {
                // Not the pod this operator created for the run (someone else's, or an older operator's): its result is never
                // recorded. One that is running our runner is left to finish rather than killed mid-measurement; any other
                // goes at once, so that the run's own pod can take the name.
                pass.Foreign.Add(pod);
                pass.Occupied.Add(pod.Metadata.Name!);
                if (!RunsOurRunner(pod))
                {
                    pass.Delete(pod);
                }

                continue;
            }

            pods[pod.Metadata.Name!] = pod;
        }

        foreach (var run in plan)
        {
            pods.TryGetValue(run.Name, out var pod);
            if (recorded.TryGetValue(run.Name, out var result))
            {
                pass.Runs.Add(result);
                if (pod is not null && HoldsSlot(pod))
                {
                    pass.Delete(pod);
                }

                continue;
            }

            if (pod is null)
            {
                if (!pass.Occupied.Contains(run.Name))
                {
                    pass.Missing.Add(run);
                }

                continue;
            }

            var observation = RunOutcomeReader.Read(run, pod);
            if (observation.Result is null && RunOutcomeReader.StartDeadline(pod, startTimeout) is { } deadline)
            {
                if (now >= deadline)
                {
                    observation = RunObservation.Finished(RunOutcomeReader.NotStarted(run, pod, startTimeout));
                }
                else
                {
                    pass.WakeBy(deadline);
                }
            }

            var finished = observation.Result is { } final
                && (pod.Metadata.DeletionTimestamp is null || final.Outcome == RunOutcome.Succeeded);
            if (finished)
            {
                // A pod being deleted under a run that did not succeed is not a verdict: the run starts again once it is gone.
                pass.Runs.Add(observation.Result!);
                pass.NewlyFinished.Add(observation.Result!);
                if (HoldsSlot(pod))
                {
                    pass.Delete(pod);
                }
            }
            else
            {
                pass.InFlight++;
                pass.Started |= observation.Progress == RunProgress.Running;
            }
        }

        pass.Started |= pass.Runs.Count > 0;
        return pass;
    }

    private async Task CreatePodsAsync(EnergyBenchmark benchmark, ReconcilePass pass, CancellationToken cancellationToken)
    {
        var pods = _client.Namespaced(KubernetesResources.Pods, benchmark.Metadata.NamespaceProperty!);
        foreach (var run in pass.Missing)
        {
            if (pass.InFlight >= benchmark.Spec.Parallelism)
            {
                return;
            }

            try
            {
                await pods.CreateAsync(_podBuilder.Build(benchmark, run), cancellationToken).ConfigureAwait(false);
                pass.InFlight++;
                LogRunCreated(benchmark.Metadata.NamespaceProperty, benchmark.Metadata.Name, run.Name);
                await RecordAsync(benchmark, EventType.Normal, BenchmarkEventReasons.RunCreated, $"Created pod {run.Name}", cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                // Created by an earlier pass the cache has not shown yet, or a namesake still terminating: either way, taken.
                pass.InFlight++;
            }
            catch (KubernetesApiException e) when (e.IsInvalid)
            {
                // The same pod would be refused again: the run is decided, not retried.
                var failed = RunOutcomeReader.Failed(run, RunFailureReasons.PodRejected, e.Message);
                pass.Runs.Insert(PlanPosition(pass, run), failed);
                pass.NewlyFinished.Add(failed);
            }
        }
    }

    private static int PlanPosition(ReconcilePass pass, RunPlan run)
    {
        var order = pass.Plan.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var index = order[run.Name];
        var position = pass.Runs.FindIndex(r => order[r.Name] > index);
        return position < 0 ? pass.Runs.Count : position;
    }

    private async Task ReportInvalidAsync(EnergyBenchmark benchmark, IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        var status = BenchmarkStatusBuilder.Invalid(benchmark.Status, benchmark.Metadata.Generation ?? 0, problems, Now());
        LogInvalidSpec(benchmark.Metadata.NamespaceProperty, benchmark.Metadata.Name, problems.Count);
        if (await WriteStatusAsync(benchmark, status, cancellationToken).ConfigureAwait(false)
            && !BenchmarkConditions.IsTrue(benchmark.Status?.Conditions, BenchmarkConditions.Invalid))
        {
            await RecordAsync(benchmark, EventType.Warning, BenchmarkEventReasons.InvalidSpec, string.Join("; ", problems), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces status through <c>/status</c> when it differs; the cached resourceVersion makes a stale write a 409.</summary>
    private async Task<bool> WriteStatusAsync(EnergyBenchmark benchmark, EnergyBenchmarkStatus status, CancellationToken cancellationToken)
    {
        if (benchmark.Status is { } current && Serialize(current) == Serialize(status))
        {
            return false;
        }

        var client = _client.Namespaced(KubernetesResources.EnergyBenchmarks, benchmark.Metadata.NamespaceProperty!);
        var written = await client.ReplaceStatusAsync(benchmark with { Status = status }, cancellationToken).ConfigureAwait(false);
        _written.Remember(ObjectKey.Of(benchmark.Metadata), benchmark, written);
        LogStatusWritten(benchmark.Metadata.NamespaceProperty, benchmark.Metadata.Name, status.Phase, status.RunsDone, status.RunsTotal);
        return true;
    }

    private async Task RecordOutcomeEventsAsync(
        EnergyBenchmark benchmark, EnergyBenchmarkStatus? previous, EnergyBenchmarkStatus status, List<RunResult> finished, CancellationToken cancellationToken)
    {
        foreach (var run in finished)
        {
            if (run.Outcome == RunOutcome.Succeeded)
            {
                var accuracy = run.Accuracy?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a";
                var joules = run.Energy?.Joules.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a";
                await RecordAsync(benchmark, EventType.Normal, BenchmarkEventReasons.RunSucceeded,
                    $"Run {run.Name}: accuracy {accuracy}, {joules} J", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RecordAsync(benchmark, EventType.Warning, BenchmarkEventReasons.RunFailed,
                    $"Run {run.Name} failed: {run.Reason}: {run.Message}", cancellationToken).ConfigureAwait(false);
            }
        }

        if (!BenchmarkConditions.IsTrue(previous?.Conditions, BenchmarkConditions.Complete)
            && BenchmarkConditions.IsTrue(status.Conditions, BenchmarkConditions.Complete))
        {
            var failed = status.Summary?.RunsFailed ?? 0;
            await RecordAsync(benchmark, failed > 0 ? EventType.Warning : EventType.Normal, BenchmarkEventReasons.Completed,
                $"All {status.RunsTotal} runs finished, {failed} failed", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeletePodAsync(EnergyBenchmark benchmark, V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Namespaced(KubernetesResources.Pods, benchmark.Metadata.NamespaceProperty!)
                .DeleteAsync(pod.Metadata.Name!, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid, ResourceVersion = pod.Metadata.ResourceVersion } }, cancellationToken)
                .ConfigureAwait(false);
            LogPodDeleted(benchmark.Metadata.NamespaceProperty, benchmark.Metadata.Name, pod.Metadata.Name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
        {
            // Already gone, the name now belongs to a newer pod, or the pod changed since this pass read it (its runner may
            // have finished): the change wakes another pass, which decides on what the pod is now.
        }
    }

    private Task RecordAsync(EnergyBenchmark benchmark, EventType type, string reason, string message, CancellationToken cancellationToken) =>
        _events.RecordAsync(benchmark.ApiVersion, benchmark.Kind, benchmark.Metadata, type, reason, message, cancellationToken);

    /// <summary>Whole seconds: the API stores condition times at that precision, so a round trip compares equal.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// A pod still doing work for a run that is already decided: not finished, and its runner not exited. A runner that
    /// exited while the meter is still stopping leaves a pod that ends by itself, and is kept for its logs.
    /// </summary>
    private static bool HoldsSlot(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase is not ("Succeeded" or "Failed")
        && pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == RunnerPod.RunnerContainer)?.State?.Terminated is null;

    /// <summary>A pod whose runner container, with this operator's runner image, is running now.</summary>
    private bool RunsOurRunner(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Spec?.Containers.FirstOrDefault(c => c.Name == RunnerPod.RunnerContainer)?.Image == _options.RunnerImage
        && pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == RunnerPod.RunnerContainer)?.State?.Running is not null;

    private static long PodGeneration(V1Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue(RunPodBuilder.GenerationAnnotation, out var value) == true
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : -1;

    private static string Serialize(EnergyBenchmarkStatus status) =>
        JsonSerializer.Serialize(status, ContractsJsonContext.Default.EnergyBenchmarkStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{Benchmark}: created pod {Run}")]
    private partial void LogRunCreated(string? @namespace, string? benchmark, string run);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{Benchmark}: deleted pod {Pod}")]
    private partial void LogPodDeleted(string? @namespace, string? benchmark, string? pod);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Namespace}/{Benchmark}: the spec has {Count} problem(s); see its Invalid condition")]
    private partial void LogInvalidSpec(string? @namespace, string? benchmark, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Namespace}/{Benchmark}: status {Phase}, {Done} of {Total} runs done")]
    private partial void LogStatusWritten(string? @namespace, string? benchmark, string? phase, int done, int total);

    /// <summary>What one reconcile found and decided.</summary>
    private sealed class ReconcilePass(IReadOnlyList<RunPlan> plan)
    {
        private readonly HashSet<string> _deleting = new(StringComparer.Ordinal);

        public IReadOnlyList<RunPlan> Plan { get; } = plan;

        /// <summary>Finished runs, in plan order.</summary>
        public List<RunResult> Runs { get; } = [];

        /// <summary>Runs whose result this pass read from a pod (not yet in status).</summary>
        public List<RunResult> NewlyFinished { get; } = [];

        /// <summary>Runs with neither a result nor a pod, in plan order.</summary>
        public List<RunPlan> Missing { get; } = [];

        /// <summary>Names held by pods that are not this spec's, which must be gone before their run is created.</summary>
        public HashSet<string> Occupied { get; } = new(StringComparer.Ordinal);

        public List<V1Pod> ToDelete { get; } = [];

        /// <summary>Pods with a run's name that were not created for that run (see <see cref="RunPodBuilder.IsCreatedFor"/>).</summary>
        public List<V1Pod> Foreign { get; } = [];

        /// <summary>The earliest time a pending pod must be given up, if any.</summary>
        public DateTimeOffset? WakeAt { get; private set; }

        public void WakeBy(DateTimeOffset deadline) => WakeAt = WakeAt is { } earlier && earlier <= deadline ? earlier : deadline;

        public int InFlight { get; set; }

        public bool Started { get; set; }

        public void Delete(V1Pod pod)
        {
            if (pod.Metadata.DeletionTimestamp is null && _deleting.Add(pod.Metadata.Name!))
            {
                ToDelete.Add(pod);
            }
        }
    }
}
