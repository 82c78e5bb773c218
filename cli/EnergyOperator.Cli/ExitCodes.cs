namespace EnergyOperator.Cli;

/// <summary>Exit codes pipelines can branch on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The benchmark ran but a run failed (or, with gates, a gate was violated).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad input: manifest, dataset, model file or missing setup. Nothing was written as if valid.</summary>
    public const int InvalidInput = 2;
}
