namespace EnergyOperator.Cli;

/// <summary>Exit codes pipelines can branch on (the table in docs/pipelines.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The benchmark ran but a run failed (or, with gates, a gate was violated).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad input: manifest, dataset, model file or missing setup. Nothing was written as if valid.</summary>
    public const int InvalidInput = 2;

    /// <summary><c>--wait</c> ran past <c>--timeout</c> before the benchmark finished.</summary>
    public const int Timeout = 3;

    /// <summary>The cluster could not be used: no kubeconfig, unreachable, the CRD not installed, or RBAC denied.</summary>
    public const int ClusterUnavailable = 4;

    /// <summary>A failure energyctl did not anticipate (a bug): never reported as a failed run or gate.</summary>
    public const int UnexpectedFailure = 5;

    /// <summary>Interrupted (Ctrl+C or SIGTERM) before it finished.</summary>
    public const int Interrupted = 130;
}
