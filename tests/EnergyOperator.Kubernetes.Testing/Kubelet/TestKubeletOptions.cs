namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>How <see cref="TestKubelet"/> turns pod specs into local processes.</summary>
public sealed class TestKubeletOptions
{
    /// <summary>Image → program, first match wins. A container whose image matches none fails to pull (<c>ErrImagePull</c>).</summary>
    public IList<ImageMapping> Images { get; } = [];

    /// <summary>Host directories for <c>hostPath</c> volumes, keyed by the pod's path (<c>/sys</c> → a fake sysfs root).</summary>
    public IDictionary<string, string> HostPaths { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Variables set in every container to a container path resolved through its mounts, for programs that take a path
    /// from the environment rather than assuming the mount (<c>ENERGY_RESULTS_DIR</c> → <c>/var/run/energy</c>).
    /// </summary>
    public IDictionary<string, string> PathVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Variables set in every container to its own termination message file (the container's <c>/dev/termination-log</c>).</summary>
    public IList<string> TerminationMessageVariables { get; } = [];

    /// <summary>Working directory of every process; null uses the pod's sandbox directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Where pod sandboxes (volumes, logs, termination files) live; null creates a temporary directory.</summary>
    public string? RootDirectory { get; set; }

    /// <summary>How often the pod list is read, like a kubelet's sync loop.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Between SIGTERM and SIGKILL, as <c>terminationGracePeriodSeconds</c>.</summary>
    public TimeSpan TerminationGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Runs containers whose image contains <paramref name="ImageContains"/> as <paramref name="FileName"/> with <paramref name="Arguments"/>.</summary>
public sealed record ImageMapping(string ImageContains, string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>A framework-dependent .NET app: <c>dotnet {assembly}</c>.</summary>
    public static ImageMapping Dotnet(string imageContains, string assemblyPath) => new(imageContains, "dotnet", [assemblyPath]);

    /// <summary>A shell script, e.g. <c>echo boom &gt;&amp;2; exit 1</c> for a crashing container.</summary>
    public static ImageMapping Shell(string imageContains, string script) => new(imageContains, "/bin/sh", ["-c", script]);

    public bool Matches(string? image) => image?.Contains(ImageContains, StringComparison.Ordinal) == true;
}
