namespace EnergyOperator.Cli.Reports;

/// <summary>Writes a benchmark's four report files: <c>&lt;name&gt;.json</c>, <c>.csv</c>, <c>.md</c> and <c>.svg</c>.</summary>
internal static class ReportFiles
{
    private static readonly (string Extension, Func<BenchmarkView, string> Render)[] Formats =
    [
        ("json", view => view.Json),
        ("csv", CsvReport.Render),
        ("md", MarkdownReport.Render),
        ("svg", SvgChart.Render),
    ];

    /// <summary>Each file goes through a temporary one, so a reader never sees half a report.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(BenchmarkView view, DirectoryInfo directory, CancellationToken cancellationToken)
    {
        directory.Create();
        var paths = new List<string>(Formats.Length);
        foreach (var (extension, render) in Formats)
        {
            var path = Path.Combine(directory.FullName, $"{view.Name}.{extension}");
            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, render(view), cancellationToken);
            File.Move(partial, path, overwrite: true);
            paths.Add(path);
        }

        return paths;
    }
}
