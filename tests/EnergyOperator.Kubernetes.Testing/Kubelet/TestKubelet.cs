using EnergyOperator.Kubernetes.Resources;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>
/// A node for an <see cref="ApiServerDouble"/>: every pod that appears runs as local processes (images mapped to programs by
/// <see cref="TestKubeletOptions.Images"/>), and its status is written back through <c>/status</c> as a kubelet would.
/// Processes share this machine's namespaces: a meter estimating "every other process of the pod" sees every process here.
/// </summary>
/// <example>
/// <code>
/// var options = new TestKubeletOptions { WorkingDirectory = repositoryRoot };
/// options.Images.Add(ImageMapping.Dotnet("energy-runner", Path.Combine(AppContext.BaseDirectory, "energy-runner.dll")));
/// options.HostPaths["/sys/devices/virtual/powercap"] = fakePowercapRoot;
/// await using var kubelet = TestKubelet.Start(server, options);
/// kubelet.Faults.FailImagePull("energy-meter");
/// </code>
/// </example>
public sealed class TestKubelet : IAsyncDisposable
{
    private readonly ApiServerDouble _server;
    private readonly KubernetesClient _client;
    private readonly TestKubeletOptions _options;
    private readonly string _root;
    private readonly bool _ownsRoot;
    private readonly Dictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);

    /// <summary>Every pod started, by name (the latest of a name), deleted ones included: their directories stay until disposal.</summary>
    private readonly Dictionary<string, PodWorker> _started = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sync;

    private TestKubelet(ApiServerDouble server, TestKubeletOptions options)
    {
        _server = server;
        _options = options;
        _client = new KubernetesClient(server.ClientConfiguration(), new KubernetesClientOptions { Qps = 1000, Burst = 1000 });
        _ownsRoot = options.RootDirectory is null;
        _root = options.RootDirectory ?? Directory.CreateTempSubdirectory("test-kubelet-").FullName;
        Faults = new KubeletFaults(Kill);
        _sync = Task.Run(() => SyncLoopAsync(_stopping.Token));
    }

    public KubeletFaults Faults { get; }

    public static TestKubelet Start(ApiServerDouble server, TestKubeletOptions options) => new(server, options);

    /// <summary>A volume's directory for a pod this kubelet started, e.g. to read files a container left; null when unknown.</summary>
    public string? VolumePath(string podName, string volumeName) => Worker(podName)?.Sandbox?.VolumePath(volumeName);

    /// <summary>A container's output so far (stdout and stderr), for test diagnostics; empty when it never started.</summary>
    public string Logs(string podName, string containerName)
    {
        var path = Worker(podName)?.Sandbox is { } sandbox ? sandbox.LogFile(new V1Container { Name = containerName }) : null;
        return path is not null && File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>Names of every pod this kubelet has started, deleted ones included, in no particular order.</summary>
    public IReadOnlyList<string> Pods()
    {
        lock (_gate)
        {
            return [.. _started.Keys];
        }
    }

    /// <summary>Stops the sync loop and kills every process.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sync.ConfigureAwait(false);
        List<PodWorker> workers;
        lock (_gate)
        {
            workers = [.. _workers.Values];
            _workers.Clear();
            _started.Clear();
        }

        foreach (var worker in workers)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }

        _client.Dispose();
        _stopping.Dispose();
        if (_ownsRoot)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SyncInterval);
        do
        {
            await SyncAsync().ConfigureAwait(false);
        }
        while (await WaitForTickAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Starts new pods, and kills the processes of pods that were deleted or are being deleted.</summary>
    private async Task SyncAsync()
    {
        var pods = _server.List(KubernetesResources.Pods);
        var live = pods.Where(p => p.Metadata.DeletionTimestamp is null).ToDictionary(p => p.Metadata.Uid!, StringComparer.Ordinal);
        List<PodWorker> gone = [];
        lock (_gate)
        {
            foreach (var (uid, worker) in _workers.Where(w => !live.ContainsKey(w.Key)).ToList())
            {
                _workers.Remove(uid);
                gone.Add(worker);
            }

            foreach (var (uid, pod) in live.Where(p => !_workers.ContainsKey(p.Key) && p.Value.Status?.Phase is null or "Pending"))
            {
                var worker = new PodWorker(pod, _client.Namespaced(KubernetesResources.Pods, pod.Metadata.NamespaceProperty ?? "default"), _options, Faults, Path.Combine(_root, uid));
                _workers[uid] = worker;
                _started[worker.Name] = worker;
                worker.Start();
            }
        }

        foreach (var worker in gone)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }
    }

    private PodWorker? Worker(string podName)
    {
        lock (_gate)
        {
            return _started.GetValueOrDefault(podName);
        }
    }

    private bool Kill(string podName, string containerName) => Worker(podName)?.Kill(containerName) ?? false;
}
