namespace EnergyOperator.Operator.Benchmarks;

/// <summary>The <c>reason</c> of a failed run that the operator decides (the runner reports its own, e.g. <c>InvalidInput</c>).</summary>
public static class RunFailureReasons
{
    /// <summary>The runner exited non-zero without a readable reason of its own.</summary>
    public const string RunnerFailed = "RunnerFailed";

    /// <summary>The runner exited 2 (bad input) without a readable result.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>The runner exited 0 but its termination message is not a result for this run.</summary>
    public const string ResultUnreadable = "ResultUnreadable";

    /// <summary>The pod outlived <c>spec.runtime.timeoutSeconds</c>.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    public const string ImagePullFailed = "ImagePullFailed";
    public const string CreateContainerFailed = "CreateContainerFailed";

    /// <summary>The meter stopped with an error before the runner finished: the run's energy cannot be trusted.</summary>
    public const string MeterFailed = "MeterFailed";

    /// <summary>The API server refused the run's pod (422): retrying the same pod cannot succeed.</summary>
    public const string PodRejected = "PodRejected";

    /// <summary>The pod failed without a container saying why and without a reason of its own.</summary>
    public const string PodFailed = "PodFailed";
}
