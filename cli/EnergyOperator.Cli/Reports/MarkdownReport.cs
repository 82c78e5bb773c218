using System.Globalization;
using System.Text;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>A summary, the configurations table and the per-run table, in GitHub-flavoured Markdown (a PR comment or job summary).</summary>
internal static class MarkdownReport
{
    public static string Render(BenchmarkView view)
    {
        var summary = view.Summary;
        var md = new StringBuilder();
        md.Append("# Energy benchmark `").Append(view.Name).Append("`\n\n");
        Line(md, "dataset", Cell(view.Dataset) + (view.TestSamples is { } samples ? $" ({N(samples)} test texts)" : ""));
        if (view.Phase is { } phase)
        {
            Line(md, "phase", phase);
        }

        Line(md, "runs", $"{N(view.RunsDone)} of {N(view.RunsTotal)} done, {N(summary.RunsSucceeded)} succeeded, {N(summary.RunsFailed)} failed");
        Line(md, "total energy", $"{EstimatedEnergy.Mark(summary.Estimated)}{F(summary.TotalJoules, "0.###")} J");
        if (summary.BestAccuracyConfiguration is not null)
        {
            var cheapest = view.Cheapest!;
            Line(md, "best accuracy", $"{F(summary.BestAccuracy, "0.0000")} (`{summary.BestAccuracyConfiguration}`)");
            Line(md, "fewest joules per sample", $"{EstimatedEnergy.Mark(cheapest.Estimated)}{F(cheapest.JoulesPerSample, "0.######")} J (`{cheapest.Key}`)");
            Line(md, "Pareto set", string.Join(", ", summary.Pareto.Select(k => $"`{k}`")));
        }

        if (view.AnyEstimated)
        {
            md.Append("\n> ").Append(EstimatedEnergy.Note).Append('\n');
        }

        md.Append("\n## Configurations\n\n");
        md.Append("| configuration | repetitions | accuracy | macro F1 | J/sample | ± J/sample | Wh/1k | samples/s | Pareto |\n");
        md.Append("|---|--:|--:|--:|--:|--:|--:|--:|:-:|\n");
        foreach (var c in summary.Configurations)
        {
            var mark = EstimatedEnergy.Mark(c.Estimated);
            Row(md, $"`{c.Key}`", N(c.Repetitions), F(c.Accuracy, "0.0000"), F(c.MacroF1, "0.0000"),
                mark + F(c.JoulesPerSample, "0.######"), F(c.JoulesPerSampleStdDev, "0.######"), mark + F(c.WhPer1k, "0.######"),
                F(c.SamplesPerSecond, "0.#"), summary.Pareto.Contains(c.Key) ? "yes" : "");
        }

        md.Append("\n## Runs\n\n");
        md.Append("| run | outcome | accuracy | macro F1 | samples/s | J | J/sample | energy sources |\n");
        md.Append("|---|---|--:|--:|--:|--:|--:|---|\n");
        foreach (var run in view.Runs)
        {
            if (run.Energy is not { } energy || run.Outcome == RunOutcome.Failed)
            {
                Row(md, $"`{run.Name}`", $"failed: {Cell($"{run.Reason}: {run.Message}")}", "", "", "", "", "", "");
                continue;
            }

            var mark = EstimatedEnergy.Mark(energy.Estimated);
            Row(md, $"`{run.Name}`", "succeeded", F(run.Accuracy, "0.0000"), F(run.MacroF1, "0.0000"), F(run.SamplesPerSecond, "0.#"),
                mark + F(energy.Joules, "0.###"), mark + F(energy.JoulesPerSample, "0.######"),
                string.Join(", ", EnergySources.Of(energy)) + (energy.TooShort ? " (window too short)" : ""));
        }

        return md.ToString();
    }

    private static void Line(StringBuilder md, string label, string value) => md.Append("- **").Append(label).Append("**: ").Append(value).Append('\n');

    private static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    /// <summary>A pipe or line break inside a cell would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
