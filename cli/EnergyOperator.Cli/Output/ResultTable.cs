using System.Globalization;
using EnergyOperator.Cli.Reports;
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

    public static void Write(BenchmarkView view)
    {
        if (Console.IsOutputRedirected)
        {
            // A pipe or CI log has no width; Spectre would assume 80 columns and wrap every row.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 120);
        }

        var table = new Table()
            .Border(TableBorder.Simple)
            .Title(Title(view));
        table.AddColumns("model", "batch", "rep", "acc", "F1", "texts/s", "J", "mJ/text", "energy");
        foreach (var column in table.Columns.Skip(1).SkipLast(1))
        {
            column.RightAligned();
        }

        foreach (var run in view.Runs)
        {
            if (run.Outcome == RunOutcome.Failed)
            {
                table.AddRow(Markup.Escape(run.Model), N(run.BatchSize), N(run.Repetition), "[red]failed[/]", "", "", "", "", Markup.Escape($"{run.Reason}: {run.Message}"));
                continue;
            }

            if (run.Generation is { } generation)
            {
                var gridMark = EstimatedEnergy.Mark(GenerationGrid.Estimated(generation));
                table.AddRow(
                    Markup.Escape(run.Model), N(run.BatchSize), N(run.Repetition), GenerationGrid.EnergyOnly, "", F(run.SamplesPerSecond, "#,0"),
                    gridMark + F(GenerationGrid.Joules(generation), "0.00"), "", $"generation grid: {N(generation.Cells.Count)} cells (report .md)");
                continue;
            }

            var energy = run.Energy!;
            var mark = EstimatedEnergy.Mark(energy.Estimated);
            table.AddRow(
                Markup.Escape(run.Model),
                N(run.BatchSize),
                N(run.Repetition),
                AccuracyCell.Of(run, "0.000"),
                F(run.MacroF1, "0.000"),
                F(run.SamplesPerSecond, "#,0"),
                mark + F(energy.Joules, "0.00"),
                mark + F(energy.JoulesPerSample * 1000, "0.000"),
                Markup.Escape(string.Join(", ", EnergySources.Of(energy))) + (energy.TooShort ? " [yellow]too short[/]" : ""));
        }

        if (view.AnyEstimated)
        {
            table.Caption($"[yellow]{Markup.Escape(EstimatedEnergy.Note)}[/]");
        }

        AnsiConsole.Write(table);
        var summary = view.Summary;
        if (summary.BestAccuracyConfiguration is not null)
        {
            var estimated = view.Cheapest is { Estimated: true } ? " (estimated)" : "";
            AnsiConsole.MarkupLineInterpolated($"best accuracy      {summary.BestAccuracy:0.0000}  {summary.BestAccuracyConfiguration}");
            AnsiConsole.MarkupLineInterpolated($"fewest J per text  {summary.LowestJoulesPerSample * 1000:0.000} mJ{estimated}  {summary.LowestJoulesPerSampleConfiguration}");
            AnsiConsole.MarkupLineInterpolated($"Pareto set         {string.Join(", ", summary.Pareto)}");
        }
    }

    private static string Title(BenchmarkView view)
    {
        var parts = new List<string> { $"[bold]{Markup.Escape(view.Name)}[/]", Markup.Escape(view.Dataset) };
        if (view.TestSamples is { } samples)
        {
            parts.Add($"{N(samples)} test texts");
        }

        if (view.Phase is { } phase)
        {
            parts.Add($"{Markup.Escape(phase)}, {N(view.RunsDone)}/{N(view.RunsTotal)} runs done");
        }

        return string.Join(" · ", parts);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
