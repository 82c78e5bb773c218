using System.Globalization;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>A run's accuracy as reports print it: "energy only" when it has none by design, and a zero-shot run's invalid answers.</summary>
internal static class AccuracyCell
{
    public static string Of(RunResult run, string format)
    {
        var accuracy = run.EnergyOnly ? GenerationGrid.EnergyOnly : run.Accuracy?.ToString(format, CultureInfo.InvariantCulture) ?? "";
        return run.ZeroShot is { } zeroShot
            ? string.Create(CultureInfo.InvariantCulture, $"{accuracy} ({zeroShot.InvalidAnswers}/{zeroShot.Answers} invalid)")
            : accuracy;
    }
}
