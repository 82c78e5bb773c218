namespace EnergyOperator.Cli.Reports;

/// <summary>Writes a benchmark's four report files: <c>&lt;name&gt;.json</c>, <c>.csv</c>, <c>.md</c> and <c>.svg</c>.</summary>
internal static class ReportFiles
{
    /// <summary>Each format by its file extension, rendered on demand.</summary>
    /// <remarks>A report with generation grids also gets <c>&lt;name&gt;.grid.csv</c>, one row per grid cell.</remarks>
    public static IReadOnlyList<(string Extension, Func<string> Render)> Renderings(BenchmarkView view) =>
    [
        ("json", () => view.Json),
        ("csv", () => CsvReport.Render(view)),
        ("md", () => MarkdownReport.Render(view)),
        ("svg", () => SvgChart.Render(view)),
        .. GenerationGrid.Any(view) ? [("grid.csv", () => GenerationGrid.RenderCsv(view))] : Array.Empty<(string, Func<string>)>(),
    ];

    public static Task<IReadOnlyList<string>> WriteAllAsync(BenchmarkView view, DirectoryInfo directory, CancellationToken cancellationToken) =>
        WriteAllAsync(view.Name, Renderings(view), directory, cancellationToken);

    /// <summary>Writes <c>&lt;name&gt;.&lt;extension&gt;</c> per rendering; each goes through a temporary file, so a reader never sees half a report.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(
        string name, IReadOnlyList<(string Extension, Func<string> Render)> renderings, DirectoryInfo directory, CancellationToken cancellationToken)
    {
        directory.Create();
        var paths = new List<string>(renderings.Count);
        foreach (var (extension, render) in renderings)
        {
            var path = Path.Combine(directory.FullName, $"{name}.{extension}");
            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, render(), cancellationToken);
            File.Move(partial, path, overwrite: true);
            paths.Add(path);
        }

        return paths;
    }
}
