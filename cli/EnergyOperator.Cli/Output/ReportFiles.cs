using System.Text.Json;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;

namespace EnergyOperator.Cli.Output;

internal static class ReportFiles
{
    public static string ToJson(BenchmarkReport report) => JsonSerializer.Serialize(report, ContractsJsonContext.Default.BenchmarkReport);

    /// <summary>Writes <c>DIR/&lt;benchmark&gt;.json</c> through a temporary file, so a reader never sees half a report.</summary>
    public static async Task<string> WriteJsonAsync(BenchmarkReport report, DirectoryInfo directory, CancellationToken cancellationToken)
    {
        directory.Create();
        var path = Path.Combine(directory.FullName, $"{report.Benchmark}.json");
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, ToJson(report), cancellationToken);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
