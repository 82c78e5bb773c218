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

    /// <summary>How much the meter may do on the node. Default <see cref="MeterSecurityMode.Privileged"/>.</summary>
    public MeterSecurityMode MeterSecurity { get; set; } = MeterSecurityMode.Privileged;

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

        if (!Enum.IsDefined(SpecChangePolicy))
        {
            throw new ArgumentException($"{nameof(SpecChangePolicy)} is {(int)SpecChangePolicy}: use {SpecChangePolicy.KeepResults} or {SpecChangePolicy.Restart}.");
        }
    }
}

/// <summary>
/// The meter reads RAPL's <c>energy_uj</c>, which is mode 0400 root since CVE-2020-8694, through a read-only hostPath of
/// the node's <c>/sys</c> (container runtimes mask <c>/sys/devices/virtual/powercap</c>), and NVML, which needs only the
/// GPU device nodes and driver library that the NVIDIA container runtime injects. Either mode needs a namespace whose
/// Pod Security level admits hostPath volumes (<c>privileged</c>).
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
