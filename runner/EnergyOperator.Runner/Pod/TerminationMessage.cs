using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Runner.Pod;

/// <summary>
/// The runner's <see cref="RunResult"/> cut to fit a termination message (<see cref="RunnerPod.TerminationMessageLimit"/>):
/// detail goes first (per-class scores, the confusion matrix, per-domain readings, then a generation grid's baselines, then its
/// cells after as many as fit), the scores and joules stay. A cut result says so in its message and points at the full one.
/// </summary>
internal static class TerminationMessage
{
    /// <summary>Failure messages keep this much, so a long exception text cannot crowd out the result.</summary>
    internal const int MaxMessageLength = 1024;

    private static readonly (string Field, Func<RunResult, bool> Holds, Func<RunResult, RunResult> Drop)[] Reductions =
    [
        ("perClass", r => r.PerClass is not null, r => r with { PerClass = null }),
        ("confusionMatrix", r => r.ConfusionMatrix is not null, r => r with { ConfusionMatrix = null }),
        ("energy.readings", r => r.Energy is { Readings.Count: > 0 }, r => r with { Energy = r.Energy! with { Readings = [] } }),
        // A generation grid of more than a few cells never fits: its baselines go first, then the cells that do not fit.
        ("generation.cells[].estimate", r => r.Generation?.Cells.Any(c => c.Estimate is not null) == true,
            r => r with { Generation = r.Generation! with { Cells = [.. r.Generation.Cells.Select(c => c with { Estimate = null })] } }),
    ];

    public static string Compact(RunResult result, int limit = RunnerPod.TerminationMessageLimit)
    {
        var json = Serialize(result);
        if (Fits(json, limit))
        {
            return json;
        }

        var cut = result with { Message = Truncate(result.Message) };
        var dropped = new List<string>();
        json = Serialize(cut);
        foreach (var (field, holds, drop) in Reductions)
        {
            if (Fits(json, limit))
            {
                break;
            }

            if (!holds(cut))
            {
                continue;
            }

            cut = drop(cut);
            dropped.Add(field);
            json = Serialize(Noted(cut, dropped));
        }

        if (!Fits(json, limit) && cut.Generation is { Cells.Count: > 0 } generation)
        {
            json = KeepCellsThatFit(cut, generation.Cells, dropped, limit);
        }

        return Fits(json, limit)
            ? json
            : throw new InvalidOperationException($"Run {result.Name}'s result does not fit {limit} bytes even without detail ({Encoding.UTF8.GetByteCount(json)} bytes).");
    }

    /// <summary>The grid's first cells, as many as fit (found by bisection: the JSON grows with every cell).</summary>
    private static string KeepCellsThatFit(RunResult cut, IReadOnlyList<GenerationCell> cells, List<string> dropped, int limit)
    {
        string With(int kept) => Serialize(Noted(
            cut with { Generation = cut.Generation! with { Cells = [.. cells.Take(kept)] } },
            [.. dropped, $"generation.cells after the first {kept} of {cells.Count}"]));

        var (fits, tooMany) = (0, cells.Count);
        while (tooMany - fits > 1)
        {
            var middle = (fits + tooMany) / 2;
            (fits, tooMany) = Fits(With(middle), limit) ? (middle, tooMany) : (fits, middle);
        }

        return With(fits);
    }

    private static RunResult Noted(RunResult cut, IReadOnlyList<string> dropped)
    {
        var note = $"termination message truncated ({string.Join(", ", dropped)} dropped); the full result is {RunnerPod.ResultsMountPath}/{RunnerPod.RunResultFile}";
        return cut with { Message = cut.Message is null ? note : $"{cut.Message} ({note})" };
    }

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, PodResultJsonContext.Default.RunResult);

    private static bool Fits(string json, int limit) => Encoding.UTF8.GetByteCount(json) <= limit;

    private static string? Truncate(string? message) =>
        message is { Length: > MaxMessageLength } ? message[..(MaxMessageLength - 1)] + "…" : message;
}
