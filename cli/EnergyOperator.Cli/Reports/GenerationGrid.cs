using System.Globalization;
using System.Text;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Cli.Reports;

/// <summary>The generation grids of a report's generative runs, as a Markdown section and as <c>&lt;name&gt;.grid.csv</c>.</summary>
internal static class GenerationGrid
{
    public const string EnergyOnly = "energy only";

    public const string EstimateNote =
        "FLOPs × TDP is an estimate, not a measurement: (2 · parameters · tokens + 2 · layers · context · width per token) / peak FLOP/s × TDP (docs/llm.md); measured/estimated above 1 is energy the FLOPs count does not explain.";

    private static readonly string[] CsvHeader =
    [
        "benchmark", "run", "model", "hardware", "batchSize", "repetition", "inputTokens", "outputTokens", "notMeasured",
        "prefillJoules", "prefillSeconds", "decodeJoules", "decodeSeconds", "joulesPerRequest", "joulesPerInputToken", "joulesPerOutputToken",
        "tokensPerSecond", "timeToFirstTokenSeconds", "timePerOutputTokenSeconds", "estimated", "tooShort", "randomWeights",
        "flopsTdpAccelerator", "flopsTdpPrefillJoules", "flopsTdpDecodeJoules", "measuredOverFlopsTdp", "prefillMeasuredOverFlopsTdp", "decodeMeasuredOverFlopsTdp",
    ];

    public static bool Any(BenchmarkView view) => view.Runs.Any(IsGrid);

    public static bool IsGrid(RunResult run) => run.Outcome == RunOutcome.Succeeded && run.Generation is not null;

    /// <summary>Prefill + decode joules of every measured cell of the run.</summary>
    public static double Joules(GenerationResult generation) => generation.Cells.Sum(c => (c.Prefill?.Joules ?? 0) + (c.Decode?.Joules ?? 0));

    public static bool Estimated(GenerationResult generation) => generation.Cells.Any(IsEstimated);

    public static void AppendMarkdown(StringBuilder md, BenchmarkView view)
    {
        if (!Any(view))
        {
            return;
        }

        md.Append("\n## Generation grid\n\n");
        md.Append("Energy only: generation is measured, never scored. Figures are one batch's. The prefill is the first forward pass (the first new token), ")
            .Append("the decode the other steps (the whole generation's window less the prefill's); J/input token is prefill J over the batch's prompt tokens, J/output token decode J over its new tokens.\n");
        foreach (var run in view.Runs.Where(IsGrid))
        {
            AppendRun(md, run);
        }

        md.Append("\n> ").Append(EstimateNote).Append('\n');
    }

    public static void AppendRun(StringBuilder md, RunResult run)
    {
        var generation = run.Generation!;
        md.Append("\n### `").Append(run.Name).Append('`').Append(generation.RandomWeights ? " (random weights: energy only)" : "").Append("\n\n");
        if (generation.EstimateNote is { } note)
        {
            md.Append("FLOPs × TDP: ").Append(note).Append("\n\n");
        }
        else if (generation.Accelerator is { } accelerator)
        {
            md.Append("FLOPs × TDP: ").Append(accelerator).Append(" peak and TDP (estimate)\n\n");
        }

        md.Append("| in | out | batch | J/request | J/input token | J/output token | tokens/s | TTFT (s) | TPOT (s) | FLOPs×TDP J/request (estimate) | measured/estimated: request · prefill · decode |\n");
        md.Append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var cell in generation.Cells)
        {
            if (cell.NotMeasured is { } reason)
            {
                Row(md, N(cell.InputTokens), N(cell.OutputTokens), N(cell.BatchSize), $"not measured: {reason.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ")}", "", "", "", "", "", "", "");
                continue;
            }

            var mark = EstimatedEnergy.Mark(IsEstimated(cell));
            var estimate = cell.Estimate;
            Row(md, N(cell.InputTokens), N(cell.OutputTokens), N(cell.BatchSize),
                mark + F(cell.JoulesPerRequest, "0.######") + (cell.Prefill!.TooShort || cell.Decode!.TooShort ? " (window too short)" : ""),
                mark + F(cell.JoulesPerInputToken, "0.########"), mark + F(cell.JoulesPerOutputToken, "0.########"),
                F(cell.TokensPerSecond, "0.#"), F(cell.TimeToFirstTokenSeconds, "0.####"), F(cell.TimePerOutputTokenSeconds, "0.#####"),
                estimate is null ? "" : F((estimate.PrefillJoules + estimate.DecodeJoules) / cell.BatchSize, "0.######"),
                estimate is null ? "" : string.Join(" · ", new[] { estimate.RequestRatio, estimate.PrefillRatio, estimate.DecodeRatio }.Select(r => mark + F(r, "0.##") + "×")));
        }
    }

    public static string RenderCsv(BenchmarkView view)
    {
        var csv = new StringBuilder();
        CsvReport.AppendRow(csv, CsvHeader);
        foreach (var run in view.Runs.Where(IsGrid))
        {
            foreach (var cell in run.Generation!.Cells)
            {
                var estimate = cell.Estimate;
                CsvReport.AppendRow(csv,
                [
                    view.Name, run.Name, run.Model, run.Hardware, N(run.BatchSize), N(run.Repetition), N(cell.InputTokens), N(cell.OutputTokens), cell.NotMeasured,
                    R(cell.Prefill?.Joules), R(cell.Prefill?.Seconds), R(cell.Decode?.Joules), R(cell.Decode?.Seconds),
                    Measured(cell, cell.JoulesPerRequest), Measured(cell, cell.JoulesPerInputToken), Measured(cell, cell.JoulesPerOutputToken),
                    Measured(cell, cell.TokensPerSecond), Measured(cell, cell.TimeToFirstTokenSeconds), Measured(cell, cell.TimePerOutputTokenSeconds),
                    cell.NotMeasured is null ? B(IsEstimated(cell)) : null, cell.NotMeasured is null ? B(cell.Prefill!.TooShort || cell.Decode!.TooShort) : null,
                    B(run.Generation.RandomWeights),
                    estimate?.Accelerator, R(estimate?.PrefillJoules), R(estimate?.DecodeJoules), R(estimate?.RequestRatio), R(estimate?.PrefillRatio), R(estimate?.DecodeRatio),
                ]);
            }
        }

        return csv.ToString();
    }

    private static bool IsEstimated(GenerationCell cell) => cell.Prefill?.Estimated == true || cell.Decode?.Estimated == true;

    private static string? Measured(GenerationCell cell, double value) => cell.NotMeasured is null ? R(value) : null;

    private static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string? R(double? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string B(bool value) => value ? "true" : "false";
}
