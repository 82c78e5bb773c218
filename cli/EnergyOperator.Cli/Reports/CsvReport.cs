using System.Globalization;
using System.Text;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>One row per run, RFC 4180 (CRLF, quoted where needed), invariant culture, for spreadsheets and notebooks.</summary>
internal static class CsvReport
{
    private static readonly string[] Header =
    [
        "benchmark", "run", "model", "engine", "hardware", "batchSize", "repetition", "outcome", "reason", "message",
        "accuracy", "macroF1", "samples", "durationSeconds", "samplesPerSecond",
        "joules", "joulesPerSample", "whPer1k", "averageWatts", "peakWatts", "estimated", "tooShort", "energySources",
    ];

    public static string Render(BenchmarkView view)
    {
        var csv = new StringBuilder();
        AppendRow(csv, Header);
        foreach (var run in view.Runs)
        {
            var energy = run.Energy;
            AppendRow(csv,
            [
                view.Name, run.Name, run.Model, run.Engine, run.Hardware, N(run.BatchSize), N(run.Repetition), run.Outcome.ToString(),
                run.Reason, run.Message,
                N(run.Accuracy), N(run.MacroF1), N(run.Samples), N(run.DurationSeconds), N(run.SamplesPerSecond),
                N(energy?.Joules), N(energy?.JoulesPerSample), N(energy?.WhPer1k), N(energy?.AverageWatts), N(energy?.PeakWatts),
                B(energy?.Estimated), B(energy?.TooShort),
                energy is null ? null : string.Join(" ", EnergySources.Of(energy)),
            ]);
        }

        return csv.ToString();
    }

    internal static void AppendRow(StringBuilder csv, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Escape(fields[i] ?? ""));
        }

        csv.Append("\r\n");
    }

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    // "R"-equivalent shortest round-trip form: the CSV loses no precision against the JSON.
    private static string? N(double? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? B(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };
}
