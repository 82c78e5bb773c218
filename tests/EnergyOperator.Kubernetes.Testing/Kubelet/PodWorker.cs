using System.Text;
using System.Text.Json;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>
/// Runs one pod to its end like a kubelet: pulls (or fails to), starts native sidecars, then the containers, reports each
/// state change through <c>/status</c>, stops the sidecars once the containers have exited, and enforces
/// <c>activeDeadlineSeconds</c>. Deleting the pod kills its processes without a status write.
/// </summary>
internal sealed class PodWorker : IAsyncDisposable
{
    private const int TerminationMessageLimit = 4096;

    private readonly V1Pod _pod;
    private readonly ResourceClient<V1Pod> _pods;
    private readonly TestKubeletOptions _options;
    private readonly KubeletFaults _faults;
    private readonly string _root;
    private readonly CancellationTokenSource _deleted = new();
    private readonly Dictionary<string, V1ContainerStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerProcess> _processes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string _phase = "Pending";
    private string? _reason;
    private string? _message;
    private DateTimeOffset _startTime;
    private Task _run = Task.CompletedTask;

    public PodWorker(V1Pod pod, ResourceClient<V1Pod> pods, TestKubeletOptions options, KubeletFaults faults, string root)
    {
        _pod = pod;
        _pods = pods;
        _options = options;
        _faults = faults;
        _root = root;
    }

    public string Name => _pod.Metadata.Name!;

    public PodSandbox? Sandbox { get; private set; }

    private IReadOnlyList<V1Container> InitContainers => [.. _pod.Spec?.InitContainers ?? []];

    private IReadOnlyList<V1Container> Containers => [.. _pod.Spec?.Containers ?? []];

    public void Start() => _run = Task.Run(() => RunAsync(_deleted.Token));

    /// <summary>SIGKILL a running container (a fault); false when it is not running.</summary>
    public bool Kill(string containerName)
    {
        lock (_gate)
        {
            return _processes.TryGetValue(containerName, out var process) && process.Kill();
        }
    }

    /// <summary>The pod was deleted (or the kubelet stops): kill everything, write nothing more.</summary>
    public async ValueTask DisposeAsync()
    {
        await _deleted.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        lock (_gate)
        {
            foreach (var process in _processes.Values)
            {
                process.Dispose();
            }
        }

        _deleted.Dispose();
    }

    private async Task RunAsync(CancellationToken deleted)
    {
        _startTime = DateTimeOffset.UtcNow;
        foreach (var container in PodSandbox.AllContainers(_pod))
        {
            _statuses[container.Name] = Waiting(container, "ContainerCreating", null);
        }

        await PublishAsync(deleted).ConfigureAwait(false);

        if (PodSandbox.AllContainers(_pod).FirstOrDefault(c => _faults.FailsPull(c.Image) || !_options.Images.Any(i => i.Matches(c.Image))) is { } unpullable)
        {
            // Like a kubelet: the pod stays Pending, retrying the pull, until someone deletes it.
            var why = $"Failed to pull image \"{unpullable.Image}\": not found";
            _statuses[unpullable.Name] = Waiting(unpullable, "ErrImagePull", why);
            await PublishAsync(deleted).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(200), deleted).ConfigureAwait(false);
            _statuses[unpullable.Name] = Waiting(unpullable, "ImagePullBackOff", $"Back-off pulling image \"{unpullable.Image}\"");
            await PublishAsync(deleted).ConfigureAwait(false);
            return;
        }

        try
        {
            Sandbox = PodSandbox.Create(_pod, _root, _options);
            foreach (var container in PodSandbox.AllContainers(_pod))
            {
                _ = Sandbox.Environment(container);
            }
        }
        catch (PodSandboxException e)
        {
            var first = PodSandbox.AllContainers(_pod).First();
            _statuses[first.Name] = Waiting(first, "CreateContainerConfigError", e.Message);
            await PublishAsync(deleted).ConfigureAwait(false);
            return;
        }

        using var deadline = _pod.Spec?.ActiveDeadlineSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
        var sidecars = new List<V1Container>();
        foreach (var init in InitContainers)
        {
            StartContainer(init);
            if (init.RestartPolicy == "Always")
            {
                sidecars.Add(init);
                continue;
            }

            await PublishAsync(deleted).ConfigureAwait(false);
            if (await WaitAsync([init], deadline.Token, deleted).ConfigureAwait(false) != 0)
            {
                await FinishAsync(sidecars, "Failed", deleted).ConfigureAwait(false);
                return;
            }
        }

        foreach (var container in Containers)
        {
            StartContainer(container);
        }

        _phase = "Running";
        await PublishAsync(deleted).ConfigureAwait(false);

        await WaitAsync(Containers, deadline.Token, deleted, watchedSidecars: sidecars).ConfigureAwait(false);
        if (deadline.IsCancellationRequested)
        {
            _reason = "DeadlineExceeded";
            _message = "Pod was active on the node longer than the specified deadline";
            await StopAsync(Containers, deleted).ConfigureAwait(false);
            await FinishAsync(sidecars, "Failed", deleted).ConfigureAwait(false);
            return;
        }

        var succeeded = Containers.All(c => _statuses[c.Name].State?.Terminated?.ExitCode == 0);
        await FinishAsync(sidecars, succeeded ? "Succeeded" : "Failed", deleted).ConfigureAwait(false);
    }

    /// <summary>Waits until every one of <paramref name="containers"/> has exited or the deadline passes; a sidecar that exits meanwhile is reported.</summary>
    /// <returns>The largest exit code among <paramref name="containers"/>.</returns>
    private async Task<int> WaitAsync(IReadOnlyList<V1Container> containers, CancellationToken deadline, CancellationToken deleted, IReadOnlyList<V1Container>? watchedSidecars = null)
    {
        var pending = containers.Concat(watchedSidecars ?? []).ToDictionary(c => _processes[c.Name].Exited, c => c);
        var deadlineTask = Task.Delay(Timeout.Infinite, deadline).ContinueWith(_ => 0, TaskScheduler.Default);
        while (containers.Any(c => _statuses[c.Name].State?.Terminated is null))
        {
            var done = await Task.WhenAny(pending.Keys.Append(deadlineTask)).WaitAsync(deleted).ConfigureAwait(false);
            if (done == deadlineTask)
            {
                break;
            }

            var container = pending[done];
            pending.Remove(done);
            _statuses[container.Name] = Terminated(container, await done.ConfigureAwait(false));
            await PublishAsync(deleted).ConfigureAwait(false);
        }

        return containers.Max(c => _statuses[c.Name].State?.Terminated?.ExitCode ?? 0);
    }

    private void StartContainer(V1Container container)
    {
        var image = _options.Images.First(i => i.Matches(container.Image));
        var process = ContainerProcess.Start(
            container.Name, image, Sandbox!.Environment(container), _options.WorkingDirectory ?? Sandbox.Root, Sandbox.LogFile(container));
        lock (_gate)
        {
            _processes[container.Name] = process;
        }

        _statuses[container.Name] = new V1ContainerStatus
        {
            Name = container.Name,
            Ready = true,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = process.StartedAt.UtcDateTime } },
        };
        if (_faults.KillDelay(container.Name) is { } delay)
        {
            _ = Task.Delay(delay, _deleted.Token).ContinueWith(_ => process.Kill(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    /// <summary>Stops what still runs of <paramref name="containers"/> (SIGTERM, then SIGKILL after the grace period) and reports them.</summary>
    private async Task StopAsync(IReadOnlyList<V1Container> containers, CancellationToken deleted)
    {
        foreach (var container in containers.Reverse())
        {
            if (_statuses[container.Name].State?.Terminated is null && _processes.TryGetValue(container.Name, out var process))
            {
                _statuses[container.Name] = Terminated(container, await process.StopAsync(_options.TerminationGracePeriod).ConfigureAwait(false));
            }
        }

        await PublishAsync(deleted).ConfigureAwait(false);
    }

    private async Task FinishAsync(IReadOnlyList<V1Container> sidecars, string phase, CancellationToken deleted)
    {
        // Native sidecars stop after the containers, in reverse order, as Kubernetes stops them.
        await StopAsync(sidecars, deleted).ConfigureAwait(false);
        _phase = phase;
        await PublishAsync(deleted).ConfigureAwait(false);
    }

    private V1ContainerStatus Terminated(V1Container container, int exitCode)
    {
        var process = _processes[container.Name];
        return new V1ContainerStatus
        {
            Name = container.Name,
            State = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = exitCode,
                    Reason = exitCode == 0 ? "Completed" : "Error",
                    Message = TerminationMessage(container, exitCode, process),
                    StartedAt = process.StartedAt.UtcDateTime,
                    FinishedAt = DateTime.UtcNow,
                },
            },
        };
    }

    private string? TerminationMessage(V1Container container, int exitCode, ContainerProcess process)
    {
        var file = Sandbox!.TerminationMessageFile(container);
        var message = File.Exists(file) ? File.ReadAllText(file) : "";
        if (Encoding.UTF8.GetByteCount(message) > TerminationMessageLimit)
        {
            message = message[..TerminationMessageLimit];
        }

        if (message.Length == 0 && exitCode != 0 && container.TerminationMessagePolicy == "FallbackToLogsOnError")
        {
            message = process.Tail();
        }

        return message.Length == 0 ? null : message;
    }

    private static V1ContainerStatus Waiting(V1Container container, string reason, string? message) => new()
    {
        Name = container.Name,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
    };

    private async Task PublishAsync(CancellationToken deleted)
    {
        var status = new V1PodStatus
        {
            Phase = _phase,
            Reason = _reason,
            Message = _message,
            StartTime = _startTime.UtcDateTime,
            InitContainerStatuses = InitContainers.Count == 0 ? null : InitContainers.Select(c => _statuses[c.Name]).ToList(),
            ContainerStatuses = Containers.Select(c => _statuses[c.Name]).ToList(),
        };
        var node = JsonSerializer.SerializeToNode(new V1Pod { Status = status }, _pods.Descriptor.TypeInfo)!["status"]!.DeepClone();
        try
        {
            await _pods.PatchStatusAsync(Name, KubernetesPatch.Json(JsonPatchOperation.Add("/status", node)), deleted).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            // Deleted between two syncs: the sync loop disposes this worker.
        }
    }
}
