using System.Globalization;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Commands.Submit;

/// <summary>
/// What a pipeline demands of a finished benchmark. The gates pass when at least one configuration meets every gate given at
/// once: there is something accurate enough that is also cheap enough to deploy. Gates narrow the configurations in order
/// (accuracy, then joules per sample, then Wh per 1k); the first gate no remaining configuration meets is the one reported, with
/// the configuration that came closest.
/// </summary>
internal sealed record QualityGates(double? MinAccuracy, double? MaxJoulesPerSample, double? MaxWhPer1k)
{
    public bool IsEmpty => MinAccuracy is null && MaxJoulesPerSample is null && MaxWhPer1k is null;

    public GateVerdict Evaluate(BenchmarkSummary summary)
    {
        if (summary.Configurations.Count == 0)
        {
            return new GateVerdict(false, "gate failed: no run succeeded, so no configuration can meet the gates");
        }

        IReadOnlyList<ConfigurationSummary> remaining = summary.Configurations;
        var narrowed = "";
        foreach (var gate in Gates())
        {
            var passing = remaining.Where(gate.Passes).ToList();
            if (passing.Count == 0)
            {
                return new GateVerdict(false, $"gate failed: {gate.Explain(gate.Closest(remaining))}{narrowed}");
            }

            remaining = passing;
            narrowed = $" among configurations with {gate.Measure} {gate.Comparison} {V(gate.Limit)}";
        }

        var chosen = remaining.OrderBy(c => c.JoulesPerSample).ThenByDescending(c => c.Accuracy).First();
        var mark = EstimatedEnergy.Mark(chosen.Estimated);
        return new GateVerdict(true,
            $"gates passed: {chosen.Key} (accuracy {V(chosen.Accuracy)}, {mark}{V(chosen.JoulesPerSample)} J/sample, " +
            $"{mark}{V(chosen.WhPer1k)} Wh/1k{(chosen.Estimated ? ", estimated energy" : "")})");
    }

    private IEnumerable<Gate> Gates()
    {
        if (MinAccuracy is { } accuracy)
        {
            yield return new Gate("accuracy", c => c.Accuracy, HigherIsBetter: true, accuracy, IsEnergy: false);
        }

        if (MaxJoulesPerSample is { } joules)
        {
            yield return new Gate("joules per sample", c => c.JoulesPerSample, HigherIsBetter: false, joules, IsEnergy: true);
        }

        if (MaxWhPer1k is { } wh)
        {
            yield return new Gate("Wh per 1k samples", c => c.WhPer1k, HigherIsBetter: false, wh, IsEnergy: true);
        }
    }

    private static string V(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private sealed record Gate(string Measure, Func<ConfigurationSummary, double> Value, bool HigherIsBetter, double Limit, bool IsEnergy)
    {
        public string Comparison => HigherIsBetter ? "≥" : "≤";

        public bool Passes(ConfigurationSummary c) => HigherIsBetter ? Value(c) >= Limit : Value(c) <= Limit;

        public ConfigurationSummary Closest(IEnumerable<ConfigurationSummary> configurations) =>
            HigherIsBetter ? configurations.MaxBy(Value)! : configurations.MinBy(Value)!;

        /// <summary>E.g. <c>best accuracy 0.912 &lt; 0.95 (model/engine/hardware/b32)</c>; estimated energy is marked.</summary>
        public string Explain(ConfigurationSummary c)
        {
            var mark = IsEnergy ? EstimatedEnergy.Mark(c.Estimated) : "";
            var estimated = IsEnergy && c.Estimated ? ", estimated" : "";
            return $"{(HigherIsBetter ? "best" : "lowest")} {Measure} {mark}{V(Value(c))} {(HigherIsBetter ? "<" : ">")} {V(Limit)} ({c.Key}{estimated})";
        }
    }
}

/// <summary>Whether the gates passed, and the one line that says why.</summary>
internal sealed record GateVerdict(bool Passed, string Message);
