namespace EnergyOperator.Contracts.Results;

/// <summary>
/// The <c>reason</c> of a failed <see cref="RunResult"/>: the runner reports <c>InvalidInput</c>, <c>RunnerFailed</c> and
/// <c>MeterFailed</c> itself; the operator decides the others from the pod.
/// </summary>
public static class RunFailureReasons
{
    /// <summary>The run failed while running (a model error, a crash); the runner exits 1.</summary>
    public const string RunnerFailed = "RunnerFailed";

    /// <summary>The run cannot start because of its input (manifest, files, setup); the runner exits 2 and it is not retried.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>The runner exited 0 but its termination message is not a result for this run.</summary>
    public const string ResultUnreadable = "ResultUnreadable";

    /// <summary>No node could take the pod within <c>spec.runtime.timeoutSeconds</c> (no GPU nodes, taints, resources): the message is the scheduler's.</summary>
    public const string Unschedulable = "Unschedulable";

    /// <summary>The pod was placed but did not start within <c>spec.runtime.timeoutSeconds</c>.</summary>
    public const string StartTimeout = "StartTimeout";

    /// <summary>The pod outlived <c>spec.runtime.timeoutSeconds</c>.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    public const string ImagePullFailed = "ImagePullFailed";
    public const string CreateContainerFailed = "CreateContainerFailed";

    /// <summary>A sensor or the meter sidecar failed, or stopped before the runner finished: the run's energy cannot be trusted.</summary>
    public const string MeterFailed = "MeterFailed";

    /// <summary>The API server refused the run's pod (422): retrying the same pod cannot succeed.</summary>
    public const string PodRejected = "PodRejected";

    /// <summary>The pod failed without a container saying why and without a reason of its own.</summary>
    public const string PodFailed = "PodFailed";
}
