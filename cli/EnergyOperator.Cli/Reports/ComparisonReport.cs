using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EnergyOperator.Cli.Reports;

/// <summary>A <see cref="ReportComparison"/> as Markdown, CSV or JSON.</summary>
internal static class ComparisonReport
{
    /// <summary>Each format by its file extension, rendered on demand, as <see cref="ReportFiles.Renderings"/>.</summary>
    public static IReadOnlyList<(string Extension, Func<string> Render)> Renderings(ReportComparison comparison) =>
    [
        ("json", () => Json(comparison)),
        ("csv", () => Csv(comparison)),
        ("md", () => Markdown(comparison)),
    ];

    public static string Markdown(ReportComparison comparison)
    {
        var md = new StringBuilder();
        md.Append("# `").Append(comparison.Before).Append("` → `").Append(comparison.After).Append("`\n\n");
        md.Append("Ratios are after / before.\n\n");
        md.Append("| configuration | accuracy before | accuracy after | ratio | J/sample before | J/sample after | ratio | samples/s before | samples/s after | ratio |\n");
        md.Append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var c in comparison.Configurations)
        {
            md.Append("| `").Append(c.Key).Append("` | ")
                .AppendJoin(" | ",
                    F(c.Before.Accuracy, "0.0000"), F(c.After.Accuracy, "0.0000"), F(c.AccuracyRatio, "0.###"),
                    EstimatedEnergy.Mark(c.Before.Estimated) + F(c.Before.JoulesPerSample, "0.######"),
                    EstimatedEnergy.Mark(c.After.Estimated) + F(c.After.JoulesPerSample, "0.######"),
                    EstimatedEnergy.Mark(c.Estimated) + F(c.JoulesPerSampleRatio, "0.###"),
                    F(c.Before.SamplesPerSecond, "0.#"), F(c.After.SamplesPerSecond, "0.#"), F(c.SamplesPerSecondRatio, "0.###"))
                .Append(" |\n");
        }

        if (comparison.Configurations.Count == 0)
        {
            md.Append("\nNo configuration key is in both reports.\n");
        }

        Unmatched(md, "only before", comparison.OnlyBefore);
        Unmatched(md, "only after", comparison.OnlyAfter);
        if (comparison.Configurations.Any(c => c.Estimated))
        {
            md.Append("\n> ").Append(EstimatedEnergy.Note).Append('\n');
        }

        return md.ToString();
    }

    /// <summary>One row per configuration in both reports, RFC 4180 like <see cref="CsvReport"/>.</summary>
    public static string Csv(ReportComparison comparison)
    {
        var csv = new StringBuilder();
        CsvReport.AppendRow(csv,
        [
            "configuration", "accuracyBefore", "accuracyAfter", "accuracyRatio", "joulesPerSampleBefore", "joulesPerSampleAfter", "joulesPerSampleRatio",
            "samplesPerSecondBefore", "samplesPerSecondAfter", "samplesPerSecondRatio", "estimatedBefore", "estimatedAfter",
        ]);
        foreach (var c in comparison.Configurations)
        {
            CsvReport.AppendRow(csv,
            [
                c.Key, N(c.Before.Accuracy), N(c.After.Accuracy), N(c.AccuracyRatio),
                N(c.Before.JoulesPerSample), N(c.After.JoulesPerSample), N(c.JoulesPerSampleRatio),
                N(c.Before.SamplesPerSecond), N(c.After.SamplesPerSecond), N(c.SamplesPerSecondRatio),
                c.Before.Estimated ? "true" : "false", c.After.Estimated ? "true" : "false",
            ]);
        }

        return csv.ToString();
    }

    public static string Json(ReportComparison comparison) => JsonSerializer.Serialize(comparison, ComparisonJsonContext.Default.ReportComparison);

    private static void Unmatched(StringBuilder md, string label, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0)
        {
            md.Append("\n- **").Append(label).Append("**: ").AppendJoin(", ", keys.Select(k => $"`{k}`")).Append('\n');
        }
    }

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
