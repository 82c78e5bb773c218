using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>One configuration present in both reports; ratios are after / before (below 1: fewer joules, slower, less accurate).</summary>
internal sealed record ConfigurationComparison(string Key, ConfigurationSummary Before, ConfigurationSummary After)
{
    public double? AccuracyRatio => Ratio(After.Accuracy, Before.Accuracy);

    public double? JoulesPerSampleRatio => Ratio(After.JoulesPerSample, Before.JoulesPerSample);

    public double? SamplesPerSecondRatio => Ratio(After.SamplesPerSecond, Before.SamplesPerSecond);

    /// <summary>Either side's energy is estimated: then so is the ratio.</summary>
    public bool Estimated => Before.Estimated || After.Estimated;

    private static double? Ratio(double after, double before) => before != 0 ? after / before : null;
}

/// <summary>Two saved reports side by side, configuration by configuration key (before/after a change, one machine and another).</summary>
internal sealed record ReportComparison(
    string Before,
    string After,
    IReadOnlyList<ConfigurationComparison> Configurations,
    IReadOnlyList<string> OnlyBefore,
    IReadOnlyList<string> OnlyAfter)
{
    public static ReportComparison Of(BenchmarkView before, BenchmarkView after)
    {
        var afterByKey = after.Summary.Configurations.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var beforeKeys = before.Summary.Configurations.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return new ReportComparison(
            before.Name,
            after.Name,
            [.. before.Summary.Configurations.Where(c => afterByKey.ContainsKey(c.Key)).Select(c => new ConfigurationComparison(c.Key, c, afterByKey[c.Key]))],
            [.. beforeKeys.Where(key => !afterByKey.ContainsKey(key))],
            [.. afterByKey.Keys.Where(key => !beforeKeys.Contains(key))]);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(ReportComparison))]
internal sealed partial class ComparisonJsonContext : JsonSerializerContext;
