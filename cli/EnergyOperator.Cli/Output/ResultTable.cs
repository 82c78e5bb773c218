using System.Globalization;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Runner.Execution;
using Spectre.Console;

namespace EnergyOperator.Cli.Output;

/// <summary>The terminal view of a local benchmark: a progress bar while it runs, then one row per run.</summary>
internal static class ResultTable
{
    public static async Task<BenchmarkReport> WithProgressAsync(Func<IProgress<BenchmarkProgress>, Task<BenchmarkReport>> run)
    {
        BenchmarkReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                report = await run(new Progress<BenchmarkProgress>(p =>
                {
                    task.Description = Markup.Escape(p.Activity);
                    task.MaxValue = Math.Max(1, p.RunsTotal);
                    task.Value = p.RunsDone;
                }));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    public static void Write(BenchmarkReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(report.Benchmark)}[/]  {Markup.Escape(report.Dataset.Name)}: {report.Dataset.TestSamples} test texts");
        table.AddColumns("model", "engine", "batch", "rep", "accuracy", "macro-F1", "samples/s", "joules", "J/sample", "Wh/1k", "energy from");
        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }

        table.Columns[^1].LeftAligned();
        foreach (var run in report.Runs)
        {
            if (run.Outcome == RunOutcome.Failed)
            {
                table.AddRow(Markup.Escape(run.Model), Markup.Escape(run.Engine), N(run.BatchSize), N(run.Repetition), $"[red]failed: {Markup.Escape(run.Reason ?? "")}[/]", "", "", "", "", "", Markup.Escape(run.Message ?? ""));
                continue;
            }

            var energy = run.Energy!;
            var mark = energy.Estimated ? "~" : "";
            table.AddRow(
                Markup.Escape(run.Model),
                Markup.Escape(run.Engine),
                N(run.BatchSize),
                N(run.Repetition),
                F(run.Accuracy, "0.0000"),
                F(run.MacroF1, "0.0000"),
                F(run.SamplesPerSecond, "#,0"),
                mark + F(energy.Joules, "0.000"),
                mark + F(energy.JoulesPerSample, "0.000e+0"),
                mark + F(energy.WhPer1k, "0.000e+0"),
                Markup.Escape(Sources(energy)) + (energy.TooShort ? " [yellow](window too short)[/]" : ""));
        }

        if (report.Runs.Any(r => r.Energy?.Estimated == true))
        {
            table.Caption("[yellow]~ estimated: no energy sensor measured it (process CPU time × watts per core); see docs/results.md[/]");
        }

        AnsiConsole.Write(table);
        var summary = report.Summary;
        if (summary.BestAccuracyConfiguration is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"best accuracy: {summary.BestAccuracy:0.0000} ({summary.BestAccuracyConfiguration}); fewest joules per sample: {summary.LowestJoulesPerSample:0.000e+0} J ({summary.LowestJoulesPerSampleConfiguration}){(summary.Estimated ? " [estimated]" : "")}");
            AnsiConsole.MarkupLineInterpolated($"accuracy–energy Pareto set: {string.Join(", ", summary.Pareto)}");
        }
    }

    private static string Sources(RunEnergy energy) =>
        string.Join(", ", energy.Readings.Select(r => r.Estimated ? $"{r.Source} {r.Domain} (estimated)" : $"{r.Source} {r.Domain}").Distinct());

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
