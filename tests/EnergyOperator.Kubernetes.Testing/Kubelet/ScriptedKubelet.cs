using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Serialization;
using EnergyOperator.Kubernetes.Testing.Store;
using k8s;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>
/// A node that runs no processes: every runner pod goes through a real kubelet's status sequence on a timer, written straight
/// into the store (so API faults aimed at the operator never touch it). Running, then the runner exits with the termination
/// message <see cref="ScriptedKubeletOptions.Result"/> gives while the meter is still stopping (the pod stays Running), then
/// the meter exits and the pod Succeeds.
/// </summary>
public sealed class ScriptedKubelet : IAsyncDisposable
{
    private readonly ApiServerDouble _server;
    private readonly ScriptedKubeletOptions _options;
    private readonly Dictionary<string, (int Step, DateTimeOffset Since)> _pods = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private ScriptedKubelet(ApiServerDouble server, ScriptedKubeletOptions options)
    {
        _server = server;
        _options = options;
        _loop = Task.Run(() => LoopAsync(_stopping.Token));
    }

    public static ScriptedKubelet Start(ApiServerDouble server, ScriptedKubeletOptions options) => new(server, options);

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var kind = _server.KindOf(KubernetesResources.Pods);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = TimeProvider.System.GetUtcNow();
            foreach (var item in _server.Store.List(kind))
            {
                var pod = item.Deserialize(KubernetesResources.Pods.TypeInfo)!;
                var uid = pod.Metadata.Uid!;
                if (pod.Metadata.DeletionTimestamp is not null)
                {
                    continue;
                }

                var (step, since) = _pods.TryGetValue(uid, out var seen) ? seen : (0, now);
                if (step < 3 && now - since >= _options.StepDelay)
                {
                    step++;
                    since = now;
                    Publish(kind, pod, step);
                }

                _pods[uid] = (step, since);
            }

            try
            {
                await Task.Delay(_options.SyncInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Publish(ResourceKind kind, V1Pod pod, int step)
    {
        var runner = step switch
        {
            1 => new V1ContainerState { Running = new V1ContainerStateRunning() },
            _ => new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed", Message = _options.Result(pod) } },
        };
        var meter = step == 3
            ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } }
            : new V1ContainerState { Running = new V1ContainerStateRunning() };
        var status = new V1PodStatus
        {
            Phase = step == 3 ? "Succeeded" : "Running",
            StartTime = pod.Metadata.CreationTimestamp,
            InitContainerStatuses = [new V1ContainerStatus { Name = RunnerPod.MeterContainer, State = meter }],
            ContainerStatuses = [new V1ContainerStatus { Name = RunnerPod.RunnerContainer, State = runner }],
        };
        var patch = new JsonObject { ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)) };
        try
        {
            _server.Store.Patch(kind, pod.Metadata.NamespaceProperty, pod.Metadata.Name!, KubernetesPatch.MergePatchContentType, patch.ToJsonString(), statusOnly: true);
        }
        catch (ApiError e) when (e.Code == 404)
        {
            // Deleted since the list: nothing left to run.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}

/// <summary>How <see cref="ScriptedKubelet"/> plays its pods.</summary>
public sealed class ScriptedKubeletOptions
{
    /// <summary>The runner's termination message for a pod, e.g. a RunResult as JSON.</summary>
    public required Func<V1Pod, string> Result { get; init; }

    /// <summary>Between created → Running → runner exited → meter exited (Succeeded). Default 150 ms.</summary>
    public TimeSpan StepDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How often the pod list is read. Default 25 ms.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromMilliseconds(25);
}
