using System.CommandLine;
using EnergyOperator.Cli.Output;

namespace EnergyOperator.Cli.Reports;

/// <summary>Prints a benchmark on standard output in the format the user chose.</summary>
internal static class ReportOutput
{
    public static async Task WriteAsync(ParseResult parse, BenchmarkView view, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Table:
                ResultTable.Write(view);
                break;
            case OutputFormat.Json:
                await parse.InvocationConfiguration.Output.WriteLineAsync(view.Json);
                break;
            case OutputFormat.Markdown:
                await parse.InvocationConfiguration.Output.WriteAsync(MarkdownReport.Render(view));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }
}
