using System.CommandLine;
using System.Text.Json;
using EnergyOperator.Cli.Output;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.IO;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl report FILE.json [FILE2.json]</c>: re-renders a saved report (a <see cref="BenchmarkReport"/> from
/// <c>energyctl run</c>, or an <see cref="EnergyBenchmark"/> with its status from <c>submit --out</c>), or compares two
/// configuration by configuration, without running anything.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Far above any report of the 256 runs a benchmark may have; a larger file is not one.</summary>
    private const long MaxReportBytes = 64L * 1024 * 1024;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "A report JSON (<benchmark>.json) to re-render, or two to compare: before, then after; with --merge, the parts of one benchmark.",
            Arity = new ArgumentArity(1, 16),
        };
        var merge = new Option<bool>("--merge")
        {
            Description = "The files are parts of one benchmark run separately (energyctl run --hardware): render them as one report.",
        };
        var format = new Option<ReportFormat>("--format")
        {
            Description = "What to print: md, csv, svg (one report only) or json.",
            DefaultValueFactory = _ => ReportFormat.Md,
        };
        var outDirectory = new Option<DirectoryInfo?>("--out")
        {
            HelpName = "dir",
            Description = "Also write the files: <benchmark>.json, .csv, .md and .svg for one report; <before>-vs-<after>.md, .csv and .json for two.",
        };

        var command = new Command("report", "Re-render a saved report JSON, or compare two (before/after ratios of accuracy, J/sample, samples/s).")
        {
            files, format, outDirectory, merge,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, parse.GetRequiredValue(files), parse.GetValue(format), parse.GetValue(outDirectory), parse.GetValue(merge), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, FileInfo[] files, ReportFormat format, DirectoryInfo? outDirectory, bool merge, CancellationToken cancellationToken)
    {
        if (merge ? files.Length < 2 : files.Length > 2)
        {
            ErrorOutput.Write(parse, merge ? "--merge takes two or more reports, the parts of one benchmark" : "give one report to re-render or two to compare; --merge joins more");
            return ExitCodes.InvalidInput;
        }

        if (files.Length == 2 && !merge && format == ReportFormat.Svg)
        {
            ErrorOutput.Write(parse, "--format svg draws one report; compare two with md, csv or json");
            return ExitCodes.InvalidInput;
        }

        var views = new List<BenchmarkView>(files.Length);
        foreach (var file in files)
        {
            try
            {
                views.Add(await ReadAsync(file, cancellationToken));
            }
            catch (InvalidReportException e)
            {
                ErrorOutput.Write(parse, $"{file.Name}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        if (merge)
        {
            if (views.FirstOrDefault(view => view.Report is null) is { } cluster)
            {
                ErrorOutput.Write(parse, $"--merge: '{cluster.Name}' is a cluster benchmark, whose status already holds every run; merge reports of energyctl run");
                return ExitCodes.InvalidInput;
            }

            try
            {
                views = [BenchmarkView.FromReport(ReportMerge.Of([.. views.Select(view => view.Report!)]))];
            }
            catch (ArgumentException e)
            {
                ErrorOutput.Write(parse, $"--merge: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        var renderings = views.Count == 1 ? ReportFiles.Renderings(views[0]) : ComparisonReport.Renderings(ReportComparison.Of(views[0], views[1]));
        var extension = format.ToString().ToLowerInvariant();
        await parse.InvocationConfiguration.Output.WriteAsync(renderings.Single(r => r.Extension == extension).Render());
        if (outDirectory is null)
        {
            return ExitCodes.Success;
        }

        try
        {
            var name = views.Count == 1 ? views[0].Name : $"{views[0].Name}-vs-{views[1].Name}";
            await ReportFiles.WriteAllAsync(name, renderings, outDirectory, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ErrorOutput.Write(parse, $"--out {outDirectory}: cannot be written ({e.Message}); pick a writable directory");
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Success;
    }

    /// <exception cref="InvalidReportException">The file is missing, unreadable, not JSON or not a report of this schema.</exception>
    internal static async Task<BenchmarkView> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await BoundedTextFile.ReadAsync(file.FullName, MaxReportBytes, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidReportException("does not exist: give the <benchmark>.json that energyctl run or submit --out wrote");
        }
        catch (TextFileException e)
        {
            throw new InvalidReportException(e.Message);
        }

        try
        {
            if (IsClusterBenchmark(json))
            {
                var benchmark = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.EnergyBenchmark)!;
                return benchmark.Status is not null
                    ? BenchmarkView.FromCluster(benchmark)
                    : throw new InvalidReportException("is an EnergyBenchmark without a status: nothing ran yet to report");
            }

            var report = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.BenchmarkReport)
                ?? throw new InvalidReportException("is JSON null, not a report");
            return report.SchemaVersion == BenchmarkReport.CurrentSchema
                ? BenchmarkView.FromReport(report)
                : throw new InvalidReportException($"has schemaVersion '{report.SchemaVersion}'; this energyctl reads '{BenchmarkReport.CurrentSchema}'");
        }
        catch (JsonException e)
        {
            throw new InvalidReportException($"is not a benchmark report ({e.Message}); give the <benchmark>.json that energyctl run or submit --out wrote");
        }
    }

    /// <summary><c>submit --out</c> saves the resource itself, which names its kind; a local report has no <c>kind</c>.</summary>
    private static bool IsClusterBenchmark(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("kind", out var kind)
            && kind.ValueKind == JsonValueKind.String
            && kind.GetString() == EnergyBenchmark.KindValue;
    }

    internal sealed class InvalidReportException(string message) : Exception(message);
}

/// <summary>What <c>energyctl report</c> prints; each name is its file extension.</summary>
internal enum ReportFormat
{
    Md,
    Csv,
    Svg,
    Json,
}
