using System.Globalization;
using System.Text;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>
/// A summary, the configurations table (shaped like the study's: accuracy, F1, Wh, duration, J/sample, relative energy), the
/// runtime fits, carbon when a grid intensity was given, and the per-run table, in GitHub-flavoured Markdown (a PR comment or
/// job summary).
/// </summary>
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

        // The summary counts scored runs only; generation grids are measured but never scored, so they are added here.
        var grids = view.Runs.Where(GenerationGrid.IsGrid).Select(r => r.Generation!).ToList();
        Line(md, "runs", $"{N(view.RunsDone)} of {N(view.RunsTotal)} done, {N(summary.RunsSucceeded + grids.Count)} succeeded, {N(summary.RunsFailed)} failed");
        Line(md, "total energy", $"{EstimatedEnergy.Mark(summary.Estimated || grids.Any(GenerationGrid.Estimated))}{F(summary.TotalJoules + grids.Sum(GenerationGrid.Joules), "0.###")} J");
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

        AppendConfigurations(md, view);
        AppendRuntimeFits(md, summary);
        AppendCarbon(md, summary);
        GenerationGrid.AppendMarkdown(md, view);

        md.Append("\n## Runs\n\n");
        md.Append("| run | outcome | accuracy | macro F1 | samples/s | J | J/sample | energy sources |\n");
        md.Append("|---|---|--:|--:|--:|--:|--:|---|\n");
        foreach (var run in view.Runs)
        {
            if (GenerationGrid.IsGrid(run))
            {
                var generation = run.Generation!;
                var gridMark = EstimatedEnergy.Mark(GenerationGrid.Estimated(generation));
                Row(md, $"`{run.Name}`", "succeeded", GenerationGrid.EnergyOnly, "", F(run.SamplesPerSecond, "0.#"),
                    gridMark + F(GenerationGrid.Joules(generation), "0.###"), "", "generation grid above");
                continue;
            }

            if (run.Energy is not { } energy || run.Outcome == RunOutcome.Failed)
            {
                Row(md, $"`{run.Name}`", $"failed: {Cell($"{run.Reason}: {run.Message}")}", "", "", "", "", "", "");
                continue;
            }

            var mark = EstimatedEnergy.Mark(energy.Estimated);
            Row(md, $"`{run.Name}`", "succeeded", AccuracyCell.Of(run, "0.0000"), F(run.MacroF1, "0.0000"), F(run.SamplesPerSecond, "0.#"),
                mark + F(energy.Joules, "0.###"), mark + F(energy.JoulesPerSample, "0.######"),
                string.Join(", ", EnergySources.Of(energy)) + (energy.TooShort ? " (window too short)" : ""));
        }

        return md.ToString();
    }

    /// <summary>
    /// Wh is the configuration's total over its valid repetitions; relative energy divides its J/sample by the cheapest
    /// configuration's; CV is the largest coefficient of variation of J/sample, duration and throughput.
    /// </summary>
    private static void AppendConfigurations(StringBuilder md, BenchmarkView view)
    {
        var summary = view.Summary;
        if (summary.Configurations.Count == 0 && view.Runs.Any(GenerationGrid.IsGrid))
        {
            return;
        }

        var cheapest = view.Cheapest;
        md.Append("\n## Configurations\n\n");
        md.Append("| configuration | repetitions | accuracy | macro F1 | Wh (total) | duration (s) | J/sample | ± J/sample | relative energy | relative rating | samples/s | Pareto | CV |\n");
        md.Append("|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|--:|:-:|--:|\n");
        foreach (var c in summary.Configurations)
        {
            var mark = EstimatedEnergy.Mark(c.Estimated);
            var relative = cheapest is { JoulesPerSample: > 0 }
                ? EstimatedEnergy.Mark(c.Estimated || cheapest.Estimated) + F(c.JoulesPerSample / cheapest.JoulesPerSample, "0.##") + "×"
                : "";
            var cv = Math.Max(c.JoulesPerSampleCv, Math.Max(c.DurationSecondsCv, c.SamplesPerSecondCv));
            Row(md, $"`{c.Key}`", N(c.Repetitions), F(c.Accuracy, "0.0000"), F(c.MacroF1, "0.0000"),
                mark + F(view.TotalJoules(c) / JoulesPerWh, "0.######"), F(c.DurationSeconds, "0.###"),
                mark + F(c.JoulesPerSample, "0.######"), mark + F(c.JoulesPerSampleStdDev, "0.######"), relative,
                $"{mark}{N(c.RelativeRating)}/5", F(c.SamplesPerSecond, "0.#"), summary.Pareto.Contains(c.Key) ? "yes" : "",
                F(cv * 100, "0.#") + " %" + (c.Unstable ? " **unstable**" : ""));
        }

        md.Append("\n> relative energy: J/sample over the cheapest configuration's; relative rating: 1–5 among this benchmark's configurations only (5: cheapest)\n");
        if (summary.Configurations.Any(c => c.Unstable))
        {
            md.Append(">\n> **unstable**: a coefficient of variation over the repetitions above ").Append(F(Spread.UnstableCv * 100, "0.#"))
                .Append(" %; their mean is not to be trusted\n");
        }
    }

    private static void AppendRuntimeFits(StringBuilder md, BenchmarkSummary summary)
    {
        if (summary.RuntimeFits.Count == 0)
        {
            return;
        }

        md.Append("\n## Runtime as a proxy for energy (E = P·t)\n\n");
        md.Append("| hardware | runs | GPUs | P fitted (W) | R² | P mean (W) | R² (mean) |\n");
        md.Append("|---|--:|--:|--:|--:|--:|--:|\n");
        foreach (var fit in summary.RuntimeFits)
        {
            var mark = EstimatedEnergy.Mark(fit.Estimated);
            Row(md, Cell(fit.Hardware), N(fit.Runs), N(fit.Gpus), mark + F(fit.Watts, "0.###"), mark + F(fit.RSquared, "0.0000"),
                mark + F(fit.MeanWatts, "0.###"), mark + F(fit.MeanWattsRSquared, "0.0000"));
        }

        if (summary.GpuRuntimeFit is { } gpu)
        {
            var mark = EstimatedEnergy.Mark(gpu.Estimated);
            md.Append($"\nAcross targets, as the study fits it: E = (a + c·GPUs)·t with a = {mark}{F(gpu.BaseWatts, "0.###")} W, ")
                .Append($"c = {mark}{F(gpu.WattsPerGpu, "0.###")} W per GPU, R² {mark}{F(gpu.RSquared, "0.0000")} over {N(gpu.Runs)} runs.\n");
        }

        if (summary.RuntimeFits.Any(f => f.Estimated) || summary.GpuRuntimeFit?.Estimated == true)
        {
            md.Append("\n> ~ estimated energy is CPU time × watts, proportional to time by construction: its R² proves nothing.\n");
        }

        md.Append("\n| configuration | measured J/sample | predicted J/sample |\n|---|--:|--:|\n");
        foreach (var c in summary.Configurations.Where(c => c.ProxyJoulesPerSample is not null))
        {
            var mark = EstimatedEnergy.Mark(c.Estimated);
            Row(md, $"`{c.Key}`", mark + F(c.JoulesPerSample, "0.######"), mark + F(c.ProxyJoulesPerSample, "0.######"));
        }
    }

    private static void AppendCarbon(StringBuilder md, BenchmarkSummary summary)
    {
        if (summary.GridIntensityGramsPerKWh is not { } intensity)
        {
            return;
        }

        var mark = EstimatedEnergy.Mark(summary.Estimated);
        md.Append("\n## Carbon\n\n");
        Line(md, "grid intensity", $"{F(intensity, "0.###")} g CO2e/kWh (spec.measurement.gridIntensityGramsPerKWh)");
        Line(md, "total", $"{mark}{F(summary.TotalGramsCo2e, "0.######")} g CO2e");
        md.Append("\n| configuration | g CO2e per 1,000 samples |\n|---|--:|\n");
        foreach (var c in summary.Configurations)
        {
            Row(md, $"`{c.Key}`", EstimatedEnergy.Mark(c.Estimated) + F(c.GramsCo2ePer1k, "0.######"));
        }
    }

    private const double JoulesPerWh = 3600;

    private static void Line(StringBuilder md, string label, string value) => md.Append("- **").Append(label).Append("**: ").Append(value).Append('\n');

    private static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    /// <summary>A pipe or line break inside a cell would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
