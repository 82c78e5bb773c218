using System.CommandLine;
using System.Globalization;
using System.Text;
using EnergyOperator.Cli.Output;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Cli.Trace;
using EnergyOperator.Contracts.IO;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl trace --report REPORT.json --trace TRACE.csv</c>: estimates a request trace's energy from a measured generation
/// grid (E = Σ N/B · E_batch) and prints it beside the grid it used.
/// </summary>
internal static class TraceCommand
{
    /// <summary>Ten million short lines fit; a larger file is not a trace this command should hold in memory.</summary>
    private const long MaxTraceBytes = 256L * 1024 * 1024;

    public static Command Create()
    {
        var report = new Option<FileInfo>("--report") { Description = "The report JSON of a benchmark with a generative model (energyctl run).", Required = true };
        var trace = new Option<FileInfo>("--trace") { Description = "CSV with a header: input_tokens,output_tokens[,arrival_time].", Required = true };
        var model = new Option<string?>("--model") { Description = "The generative model of the report to use; needed when it has several." };
        var hardware = new Option<string?>("--hardware") { Description = "The hardware target to use; needed when the report has several." };
        var batchSize = new Option<int?>("--batch-size") { Description = "The measured batch size requests are served at. Default: the largest measured." };
        var command = new Command("trace", "Estimate a request trace's energy from a measured generation grid (E = Σ N/B · E_batch).")
        {
            report, trace, model, hardware, batchSize,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, parse.GetRequiredValue(report), parse.GetRequiredValue(trace), parse.GetValue(model), parse.GetValue(hardware), parse.GetValue(batchSize), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, FileInfo reportFile, FileInfo traceFile, string? model, string? hardware, int? batchSize, CancellationToken cancellationToken)
    {
        BenchmarkView view;
        try
        {
            view = await ReportCommand.ReadAsync(reportFile, cancellationToken);
        }
        catch (ReportCommand.InvalidReportException e)
        {
            ErrorOutput.Write(parse, $"--report {reportFile.Name}: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        if (Select(view, model, hardware, batchSize) is not { } selection)
        {
            ErrorOutput.Write(parse, SelectionProblem(view, model, hardware, batchSize));
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<TraceRequest> requests;
        try
        {
            requests = RequestTrace.Parse(await BoundedTextFile.ReadAsync(traceFile.FullName, MaxTraceBytes, cancellationToken));
        }
        catch (FileNotFoundException)
        {
            ErrorOutput.Write(parse, $"--trace {traceFile.Name}: does not exist: give a CSV with input_tokens,output_tokens[,arrival_time]");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is TextFileException or TraceFormatException)
        {
            ErrorOutput.Write(parse, $"--trace {traceFile.Name}: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var runs = selection.Runs;
        var key = $"{runs[0].Model}/{runs[0].Hardware}/b{runs[0].BatchSize}";
        var energy = TraceEnergy.Estimate(key, runs[0].BatchSize, TraceEnergy.GridOf(runs), requests);
        await parse.InvocationConfiguration.Output.WriteAsync(Render(view, runs[0], energy, traceFile.Name));
        return ExitCodes.Success;
    }

    private sealed record Selection(IReadOnlyList<RunResult> Runs);

    /// <summary>The runs of the one configuration the options pick; null when they pick none or several.</summary>
    private static Selection? Select(BenchmarkView view, string? model, string? hardware, int? batchSize)
    {
        var grids = view.Runs.Where(GenerationGrid.IsGrid)
            .Where(r => (model is null || r.Model == model) && (hardware is null || r.Hardware == hardware))
            .ToList();
        if (grids.Select(r => r.Model).Distinct().Count() != 1 || grids.Select(r => r.Hardware).Distinct().Count() != 1)
        {
            return null;
        }

        var batch = batchSize ?? grids.Max(r => r.BatchSize);
        var runs = grids.Where(r => r.BatchSize == batch).ToList();
        return runs.Count > 0 && TraceEnergy.GridOf(runs).Count > 0 ? new Selection(runs) : null;
    }

    private static string SelectionProblem(BenchmarkView view, string? model, string? hardware, int? batchSize)
    {
        var grids = view.Runs.Where(GenerationGrid.IsGrid).ToList();
        if (grids.Count == 0)
        {
            return "--report: has no succeeded generation grid: run a generative model with spec.workload first (docs/llm.md)";
        }

        var models = grids.Select(r => r.Model).Distinct().ToList();
        if (model is not null ? !models.Contains(model) : models.Count > 1)
        {
            return $"--model: pick one of the report's generative models: {string.Join(", ", models)}";
        }

        var targets = grids.Where(r => model is null || r.Model == model).Select(r => r.Hardware).Distinct().ToList();
        if (hardware is not null ? !targets.Contains(hardware) : targets.Count > 1)
        {
            return $"--hardware: pick one of the report's hardware targets: {string.Join(", ", targets)}";
        }

        var batches = grids.Where(r => (model is null || r.Model == model) && (hardware is null || r.Hardware == hardware)).Select(r => r.BatchSize).Distinct().Order();
        return $"--batch-size: {batchSize} has no measured cell; measured batch sizes: {string.Join(", ", batches)}";
    }

    private static string Render(BenchmarkView view, RunResult gridRun, TraceEnergy energy, string traceName)
    {
        var md = new StringBuilder();
        md.Append("# Trace `").Append(traceName).Append("` over `").Append(view.Name).Append("`\n\n");
        var mark = EstimatedEnergy.Mark(energy.Estimated);
        var measured = energy.Requests - energy.Unmeasured;
        Line(md, "configuration", $"`{energy.Configuration}` (E = Σ N/B · E_batch at batch size {energy.BatchSize})");
        Line(md, "requests", $"{N(energy.Requests)}, {N(measured)} binned onto measured cells");
        if (energy.Clamped > 0)
        {
            Line(md, "clamped", $"{N(energy.Clamped)} requests are longer than the largest bin and counted at it: their energy is underestimated");
        }

        if (energy.Unmeasured > 0)
        {
            Line(md, "left out", $"{N(energy.Unmeasured)} requests fall in cells that were not measured; they are not in the total");
        }

        if (energy.SpanSeconds is { } span)
        {
            Line(md, "arrival span", $"{F(span, "0.###")} s ({F(energy.Requests / Math.Max(span, double.Epsilon), "0.###")} requests/s)");
        }

        Line(md, "total energy", $"{mark}{F(energy.Joules, "0.###")} J ({mark}{F(energy.Joules / 3600, "0.######")} Wh)");
        Line(md, "per request", $"{mark}{F(energy.JoulesPerRequest, "0.######")} J");
        md.Append("\nEach request goes to the smallest measured input bin ≥ its prompt tokens and the smallest output length ≥ its output tokens (the next bin up), clamped at the largest.\n");
        md.Append("\n| input bin | output length | requests | J per batch | N/B · E_batch (J) |\n|--:|--:|--:|--:|--:|\n");
        foreach (var cell in energy.Cells)
        {
            md.Append("| ").AppendJoin(" | ", [N(cell.InputTokens), N(cell.OutputTokens), N(cell.Requests), mark + F(cell.BatchJoules, "0.###"), mark + F(cell.Joules, "0.###")]).Append(" |\n");
        }

        md.Append("\n## The grid it used (repetition ").Append(gridRun.Repetition).Append(" shown; the estimate averages every repetition)\n");
        GenerationGrid.AppendRun(md, gridRun);
        if (energy.Estimated)
        {
            md.Append("\n> ").Append(EstimatedEnergy.Note).Append('\n');
        }

        return md.ToString();
    }

    private static void Line(StringBuilder md, string label, string value) => md.Append("- **").Append(label).Append("**: ").Append(value).Append('\n');

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
