namespace EnergyOperator.Operator.Benchmarks;

/// <summary>Reasons of the Events written about an EnergyBenchmark (<c>kubectl describe</c>).</summary>
public static class BenchmarkEventReasons
{
    public const string RunCreated = "RunCreated";
    public const string RunSucceeded = "RunSucceeded";
    public const string RunFailed = "RunFailed";
    public const string Completed = "Completed";
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>A pod with a run's name and owner that this operator did not create for that run.</summary>
    public const string ForeignPod = "ForeignPod";
}
