using EnergyOperator.Contracts.Kubernetes;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>How the operator runs benchmarks: images, placement defaults, the meter's privileges and spec changes.</summary>
public sealed class BenchmarkOperatorOptions
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    /// <summary>The <c>energy-runner</c> image reference. Required.</summary>
    public string RunnerImage { get; set; } = "";

    /// <summary>The <c>energy-meter</c> sidecar image reference. Required.</summary>
    public string MeterImage { get; set; } = "";

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>; null leaves Kubernetes' default (by tag).</summary>
    public string? ImagePullPolicy { get; set; }

    /// <summary>Node labels for runs of targets without their own <c>nodeSelector</c> (and for specs without hardware).</summary>
    public IReadOnlyDictionary<string, string>? DefaultNodeSelector { get; set; }

    /// <summary>Tolerations for runs of targets without their own <c>tolerations</c>.</summary>
    public IReadOnlyList<Toleration>? DefaultTolerations { get; set; }

    /// <summary>How much the meter may do on the node. Default <see cref="MeterSecurityMode.Capabilities"/> (unprivileged).</summary>
    public MeterSecurityMode MeterSecurity { get; set; } = MeterSecurityMode.Capabilities;

    /// <summary>
    /// Give the meter every GPU of the node (<c>NVIDIA_VISIBLE_DEVICES=all</c>) so NVML can read the runner's. Default false: the
    /// device plugin hands a pod's GPUs to the runner alone, so without this the meter sees no GPU and GPU runs are metered by
    /// RAPL or the estimate. Only for GPU nodes that host one benchmark pod at a time (docs/security.md).
    /// </summary>
    public bool MeterSeesAllNodeGpus { get; set; }

    /// <summary>Requests of the runner container (GPUs are added per target). Default cpu 1, memory 1Gi.</summary>
    public Dictionary<string, string> RunnerRequests { get; set; } = new(StringComparer.Ordinal) { ["cpu"] = "1", ["memory"] = "1Gi" };

    /// <summary>Limits of the runner container (GPUs are added per target). Default memory 8Gi.</summary>
    public Dictionary<string, string> RunnerLimits { get; set; } = new(StringComparer.Ordinal) { ["memory"] = "8Gi" };

    /// <summary>Requests of the meter container. Default cpu 50m, memory 64Mi.</summary>
    public Dictionary<string, string> MeterRequests { get; set; } = new(StringComparer.Ordinal) { ["cpu"] = "50m", ["memory"] = "64Mi" };

    /// <summary>Limits of the meter container. Default memory 256Mi.</summary>
    public Dictionary<string, string> MeterLimits { get; set; } = new(StringComparer.Ordinal) { ["memory"] = "256Mi" };

    /// <summary><c>sizeLimit</c> of the runner's <c>/tmp</c> (downloads, at most 8 GiB each, and exported models). Default 20Gi.</summary>
    public string TmpSizeLimit { get; set; } = "20Gi";

    /// <summary><c>sizeLimit</c> of the results volume both containers share. Default 64Mi.</summary>
    public string ResultsSizeLimit { get; set; } = "64Mi";

    /// <summary>What benchmark authors may ask of nodes: node selectors, tolerations, GPU resources, runs.</summary>
    public PlacementPolicy Placement { get; set; } = new();

    /// <summary>
    /// Run the meter as a native sidecar (<c>initContainers[].restartPolicy: Always</c>, Kubernetes ≥ 1.29). Default true.
    /// False makes it a second regular container, for older clusters.
    /// </summary>
    public bool UseNativeSidecar { get; set; } = true;

    /// <summary>What a spec change does to runs already measured. Default <see cref="SpecChangePolicy.KeepResults"/>.</summary>
    public SpecChangePolicy SpecChangePolicy { get; set; } = SpecChangePolicy.KeepResults;

    /// <summary>Service account of runner pods (e.g. one with pull secrets or storage access); null uses the namespace's default.</summary>
    public string? RunnerServiceAccount { get; set; }

    /// <exception cref="ArgumentException">An option cannot be used; the message names it and the fix.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RunnerImage))
        {
            throw new ArgumentException($"{nameof(RunnerImage)} is required: set it to the energy-runner image, e.g. registry.example.com/energy-runner:0.1.0.");
        }

        if (string.IsNullOrWhiteSpace(MeterImage))
        {
            throw new ArgumentException($"{nameof(MeterImage)} is required: set it to the energy-meter image, e.g. registry.example.com/energy-meter:0.1.0.");
        }

        if (ImagePullPolicy is not null && !PullPolicies.Contains(ImagePullPolicy, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{nameof(ImagePullPolicy)} is '{ImagePullPolicy}': use one of {string.Join(", ", PullPolicies)}, or leave it unset.");
        }

        if (!Enum.IsDefined(MeterSecurity))
        {
            throw new ArgumentException($"{nameof(MeterSecurity)} is {(int)MeterSecurity}: use {MeterSecurityMode.Privileged} or {MeterSecurityMode.Capabilities}.");
        }

        Placement.Validate();

        if (!Enum.IsDefined(SpecChangePolicy))
        {
            throw new ArgumentException($"{nameof(SpecChangePolicy)} is {(int)SpecChangePolicy}: use {SpecChangePolicy.KeepResults} or {SpecChangePolicy.Restart}.");
        }
    }
}

/// <summary>
/// The meter reads RAPL's <c>energy_uj</c>, which is mode 0400 root since CVE-2020-8694, through a read-only hostPath of
/// the node's <c>/sys/devices/virtual/powercap</c> (container runtimes mask it in the container's own <c>/sys</c>), and NVML,
/// which needs only the GPU device nodes and driver library that the NVIDIA container runtime injects. Either mode needs a
/// namespace whose Pod Security level admits hostPath volumes (<c>privileged</c>).
/// </summary>
public enum MeterSecurityMode
{
    /// <summary><c>privileged: true</c>: works on any runtime configuration, including ones that refuse unprivileged GPU requests.</summary>
    Privileged,

    /// <summary>
    /// Root (uid 0 owns <c>energy_uj</c>, so no <c>CAP_DAC_READ_SEARCH</c> is needed) with every capability dropped, no
    /// privilege escalation and a read-only root filesystem: the minimum both reads need.
    /// </summary>
    Capabilities,
}

public enum SpecChangePolicy
{
    /// <summary>
    /// Runs are identified by name (model, target, batch size, repetition): results of runs still in the plan are kept,
    /// runs no longer in it are dropped from status and their pods deleted, new runs are created.
    /// </summary>
    KeepResults,

    /// <summary>Every result is dropped and every pod deleted; all runs start again under the new spec.</summary>
    Restart,
}
