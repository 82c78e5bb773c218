using System.Collections.Concurrent;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>Switches that make the <see cref="TestKubelet"/> fail the way nodes do.</summary>
public sealed class KubeletFaults
{
    private readonly ConcurrentDictionary<string, byte> _failedPulls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _killsAfterStart = new(StringComparer.Ordinal);
    private readonly Func<string, string, bool> _kill;

    internal KubeletFaults(Func<string, string, bool> kill) => _kill = kill;

    /// <summary>Images containing <paramref name="imageContains"/> cannot be pulled from now on: <c>ErrImagePull</c>, then <c>ImagePullBackOff</c>.</summary>
    public void FailImagePull(string imageContains) => _failedPulls[imageContains] = 0;

    /// <summary>Every container named <paramref name="containerName"/> started from now on gets SIGKILL <paramref name="delay"/> after it starts.</summary>
    public void KillAfterStart(string containerName, TimeSpan delay) => _killsAfterStart[containerName] = delay;

    /// <summary>SIGKILLs a running container now (a crash, an OOM kill); false when it is not running.</summary>
    public bool Kill(string podName, string containerName) => _kill(podName, containerName);

    internal bool FailsPull(string? image) => image is not null && _failedPulls.Keys.Any(pattern => image.Contains(pattern, StringComparison.Ordinal));

    internal TimeSpan? KillDelay(string containerName) => _killsAfterStart.TryGetValue(containerName, out var delay) ? delay : null;
}
