using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Kubernetes;
using k8s.Models;

namespace EnergyOperator.Kubernetes.Models;

/// <summary>The subset of a core/v1 <c>Pod</c> the operator creates and reads back.</summary>
public sealed record Pod
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Pod";
    public V1ObjectMeta Metadata { get; set; } = new();
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}

public sealed record PodSpec
{
    public IReadOnlyList<Container> Containers { get; set; } = [];
    public IReadOnlyList<Container>? InitContainers { get; set; }
    public string? RestartPolicy { get; set; }
    public string? ServiceAccountName { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public IReadOnlyDictionary<string, string>? NodeSelector { get; set; }
    public IReadOnlyList<Toleration>? Tolerations { get; set; }
    public IReadOnlyList<Volume>? Volumes { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
    public string? RuntimeClassName { get; set; }

    /// <summary>One PID namespace for the pod's containers: lets the meter estimate the runner's CPU time.</summary>
    public bool? ShareProcessNamespace { get; set; }
}

public sealed record Container
{
    public string Name { get; set; } = "";
    public string? Image { get; set; }
    public IReadOnlyList<string>? Command { get; set; }
    public IReadOnlyList<string>? Args { get; set; }
    public IReadOnlyList<EnvVar>? Env { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; set; }

    /// <summary><c>Always</c> on an init container makes it a native sidecar.</summary>
    public string? RestartPolicy { get; set; }

    public string? TerminationMessagePath { get; set; }
    public string? TerminationMessagePolicy { get; set; }
    public string? ImagePullPolicy { get; set; }
    public IReadOnlyList<ContainerPort>? Ports { get; set; }
    public Probe? ReadinessProbe { get; set; }
    public SecurityContext? SecurityContext { get; set; }
}

/// <param name="Port">The API's <c>containerPort</c> (a member cannot share its record's name).</param>
public sealed record ContainerPort(string Name, [property: JsonPropertyName("containerPort")] int Port)
{
    public string? Protocol { get; set; }
}

/// <summary>A container probe; only the HTTP form is modelled.</summary>
public sealed record Probe
{
    public HttpGetAction? HttpGet { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? FailureThreshold { get; set; }
}

/// <summary>The kubelet sends the request to the pod's IP, never to the container's loopback.</summary>
public sealed record HttpGetAction(string Path, int Port);

/// <summary>A container's <c>securityContext</c>.</summary>
public sealed record SecurityContext
{
    public bool? Privileged { get; set; }
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public bool? ReadOnlyRootFilesystem { get; set; }
    public bool? AllowPrivilegeEscalation { get; set; }
    public Capabilities? Capabilities { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
}

public sealed record Capabilities
{
    public IReadOnlyList<string>? Add { get; set; }
    public IReadOnlyList<string>? Drop { get; set; }
}

/// <summary><c>RuntimeDefault</c>, <c>Localhost</c> or <c>Unconfined</c>.</summary>
public sealed record SeccompProfile(string Type);

public sealed record EnvVar(string Name, string? Value = null);

public sealed record ResourceRequirements
{
    public IReadOnlyDictionary<string, string>? Requests { get; set; }
    public IReadOnlyDictionary<string, string>? Limits { get; set; }
}

public sealed record VolumeMount(string Name, string MountPath)
{
    public bool? ReadOnly { get; set; }
}

public sealed record Volume(string Name)
{
    public EmptyDirVolumeSource? EmptyDir { get; set; }
    public HostPathVolumeSource? HostPath { get; set; }
}

/// <summary>A directory of the node; <see cref="Type"/> <c>Directory</c> makes the pod fail to start when it is absent.</summary>
public sealed record HostPathVolumeSource(string Path)
{
    public string? Type { get; set; }
}

public sealed record EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public string? SizeLimit { get; set; }
}

public sealed record PodStatus
{
    public string? Phase { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Pod conditions; <c>PodScheduled=False</c> carries the scheduler's reason for not placing the pod.</summary>
    public IReadOnlyList<PodCondition>? Conditions { get; set; }
    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; set; }
    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; set; }
}

public sealed record ContainerStatus
{
    public string Name { get; set; } = "";
    public bool Ready { get; set; }
    public int RestartCount { get; set; }
    public ContainerState? State { get; set; }
    public ContainerState? LastState { get; set; }
}

/// <summary>Exactly one member is set, as in the API.</summary>
public sealed record ContainerState
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}

public sealed record ContainerStateWaiting
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; set; }
}

public sealed record ContainerStateTerminated
{
    public int ExitCode { get; set; }
    public string? Reason { get; set; }

    /// <summary>The container's termination message (at most 4,096 bytes).</summary>
    public string? Message { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public sealed record PodCondition(string Type, string Status)
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
