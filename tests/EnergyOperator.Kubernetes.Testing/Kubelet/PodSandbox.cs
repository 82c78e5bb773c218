using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>
/// What a container runtime gives one pod, played with local resources: a directory per volume, a free loopback port per
/// container port (several pods run at once), and each container's environment rewritten to point at them.
/// </summary>
internal sealed partial class PodSandbox
{
    private const string TmpDirectory = "/tmp";

    private readonly Dictionary<string, string> _volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _ports = [];
    private readonly TestKubeletOptions _options;

    private PodSandbox(string root, TestKubeletOptions options)
    {
        Root = root;
        _options = options;
    }

    public string Root { get; }

    /// <exception cref="PodSandboxException">A volume cannot be provided (an unmapped hostPath, an unsupported kind).</exception>
    public static PodSandbox Create(V1Pod pod, string root, TestKubeletOptions options)
    {
        var sandbox = new PodSandbox(root, options);
        Directory.CreateDirectory(Path.Combine(root, "termination"));
        Directory.CreateDirectory(Path.Combine(root, "logs"));
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            sandbox._volumes[volume.Name] = volume switch
            {
                { EmptyDir: not null } => Directory.CreateDirectory(Path.Combine(root, "volumes", volume.Name)).FullName,
                { HostPath.Path: { } hostPath } => options.HostPaths.TryGetValue(hostPath, out var local) ? local
                    : throw new PodSandboxException($"hostPath volume {volume.Name}: no local directory for {hostPath}; add it to TestKubeletOptions.HostPaths"),
                _ => throw new PodSandboxException($"volume {volume.Name}: only emptyDir and hostPath volumes are supported"),
            };
        }

        foreach (var port in AllContainers(pod).SelectMany(c => c.Ports ?? []))
        {
            sandbox._ports.TryAdd(port.ContainerPort, FreeLoopbackPort());
        }

        return sandbox;
    }

    public static IEnumerable<V1Container> AllContainers(V1Pod pod) => (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []);

    public string TerminationMessageFile(V1Container container) => Path.Combine(Root, "termination", container.Name);

    public string LogFile(V1Container container) => Path.Combine(Root, "logs", $"{container.Name}.log");

    /// <summary>The host directory of a volume, or null when the pod has none by that name.</summary>
    public string? VolumePath(string volumeName) => _volumes.GetValueOrDefault(volumeName);

    /// <summary>
    /// The container's <c>env</c>, with paths under its mounts moved to the volumes' directories and URLs to a container port
    /// moved to its loopback port; plus the configured path and termination-message variables, and <c>TMPDIR</c> for a
    /// volume at <c>/tmp</c>.
    /// </summary>
    /// <exception cref="PodSandboxException">A mount names a volume the pod does not have.</exception>
    public Dictionary<string, string> Environment(V1Container container)
    {
        var mounts = (container.VolumeMounts ?? [])
            .Select(m => (m.MountPath.TrimEnd('/'), _volumes.TryGetValue(m.Name, out var local) ? local
                : throw new PodSandboxException($"container {container.Name} mounts volume {m.Name}, which the pod does not declare")))
            .OrderByDescending(m => m.Item1.Length)
            .ToList();

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = Rewrite(variable.Value ?? "", mounts);
        }

        foreach (var (name, containerPath) in _options.PathVariables)
        {
            if (Resolve(containerPath, mounts) is { } local)
            {
                environment[name] = local;
            }
        }

        foreach (var name in _options.TerminationMessageVariables)
        {
            environment[name] = TerminationMessageFile(container);
        }

        if (Resolve(TmpDirectory, mounts) is { } tmp)
        {
            environment["TMPDIR"] = tmp;
        }

        return environment;
    }

    private string Rewrite(string value, List<(string MountPath, string Local)> mounts) =>
        value.StartsWith('/') ? Resolve(value, mounts) ?? value : ContainerUrl().Replace(value, RewriteUrl);

    private string RewriteUrl(Match url) =>
        _ports.TryGetValue(int.Parse(url.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture), out var local)
            ? $"{url.Groups["scheme"].Value}://127.0.0.1:{local}"
            : url.Value;

    private static string? Resolve(string containerPath, List<(string MountPath, string Local)> mounts)
    {
        foreach (var (mountPath, local) in mounts)
        {
            if (containerPath == mountPath)
            {
                return local;
            }

            if (containerPath.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                return Path.Combine(local, containerPath[(mountPath.Length + 1)..]);
            }
        }

        return null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(?<scheme>https?)://[^/:\s]+:(?<port>\d{1,5})")]
    private static partial Regex ContainerUrl();
}

/// <summary>The pod cannot be given what it asks for; the kubelet reports <c>CreateContainerConfigError</c>.</summary>
internal sealed class PodSandboxException(string message) : Exception(message);
