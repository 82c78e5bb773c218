using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>Computes <c>status</c> from what the reconciler found; deterministic, so an unchanged world gives an unchanged status.</summary>
internal static class BenchmarkStatusBuilder
{
    private const int FailedRunsNamed = 3;

    /// <param name="runs">Finished runs, in plan order.</param>
    /// <param name="started">Whether any run's runner has started.</param>
    /// <param name="gridIntensityGramsPerKWh"><c>spec.measurement.gridIntensityGramsPerKWh</c>, for the summary's carbon figures.</param>
    public static EnergyBenchmarkStatus Progress(
        EnergyBenchmarkStatus? previous, long generation, int runsTotal, IReadOnlyList<RunResult> runs, bool started, DateTimeOffset now,
        double? gridIntensityGramsPerKWh = null)
    {
        var failed = runs.Where(r => r.Outcome == RunOutcome.Failed).ToList();
        var complete = runs.Count == runsTotal;
        var summary = runs.Count > 0 ? BenchmarkSummary.From(runs, runsTotal, gridIntensityGramsPerKWh) : null;
        var progress = $"{runs.Count} of {runsTotal} runs done";
        var phase = complete
            ? failed.Count > 0 ? BenchmarkPhases.Failed : BenchmarkPhases.Complete
            : started || runs.Count > 0 ? BenchmarkPhases.Running : BenchmarkPhases.Pending;

        Condition[] conditions =
        [
            new(BenchmarkConditions.Ready, BenchmarkConditions.True, complete ? "Completed" : "Progressing", progress),
            complete
                ? new(BenchmarkConditions.Complete, BenchmarkConditions.True, "AllRunsFinished", progress)
                : new(BenchmarkConditions.Complete, BenchmarkConditions.False, "RunsPending", progress),
            failed.Count > 0
                ? new(BenchmarkConditions.Failed, BenchmarkConditions.True, "RunsFailed", FailedMessage(failed, runsTotal))
                : new(BenchmarkConditions.Failed, BenchmarkConditions.False, "NoRunFailed", "no run failed"),
            new(BenchmarkConditions.Invalid, BenchmarkConditions.False, "SpecValid", "the spec is valid"),
        ];

        return new EnergyBenchmarkStatus
        {
            ObservedGeneration = generation,
            Phase = phase,
            Conditions = ConditionMerge.Merge(previous?.Conditions, conditions, now, generation),
            RunsTotal = runsTotal,
            RunsDone = runs.Count,
            BestAccuracy = summary?.BestAccuracy,
            TotalJoules = summary is { RunsSucceeded: > 0 } ? summary.TotalJoules : null,
            Runs = runs,
            Summary = summary,
        };
    }

    /// <summary>The spec cannot run: results measured before are kept, the conditions say what to fix.</summary>
    public static EnergyBenchmarkStatus Invalid(EnergyBenchmarkStatus? previous, long generation, IReadOnlyList<ValidationProblem> problems, DateTimeOffset now)
    {
        const string Reason = "InvalidSpec";
        var message = string.Join("; ", problems);
        Condition[] conditions =
        [
            new(BenchmarkConditions.Ready, BenchmarkConditions.False, Reason, message),
            new(BenchmarkConditions.Complete, BenchmarkConditions.False, Reason, "nothing runs until the spec is fixed"),
            new(BenchmarkConditions.Failed, BenchmarkConditions.False, Reason, "nothing runs until the spec is fixed"),
            new(BenchmarkConditions.Invalid, BenchmarkConditions.True, Reason, message),
        ];
        return (previous ?? new EnergyBenchmarkStatus()) with
        {
            ObservedGeneration = generation,
            Phase = BenchmarkPhases.Invalid,
            Conditions = ConditionMerge.Merge(previous?.Conditions, conditions, now, generation),
        };
    }

    private static string FailedMessage(List<RunResult> failed, int runsTotal)
    {
        var named = string.Join(", ", failed.Take(FailedRunsNamed).Select(r => $"{r.Name} ({r.Reason})"));
        return $"{failed.Count} of {runsTotal} runs failed: {named}{(failed.Count > FailedRunsNamed ? ", …" : "")}";
    }
}
