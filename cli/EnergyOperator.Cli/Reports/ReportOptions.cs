using System.CommandLine;

namespace EnergyOperator.Cli.Reports;

/// <summary>The report options of the commands that show a benchmark's result.</summary>
internal static class ReportOptions
{
    public static Option<OutputFormat> Output(string description) => new("--output", "-o")
    {
        Description = $"{description} table, json or markdown.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<DirectoryInfo?> OutDirectory() => new("--out")
    {
        HelpName = "dir",
        Description = "Also write the reports to this directory: <benchmark>.json, .csv, .md and .svg.",
    };
}
