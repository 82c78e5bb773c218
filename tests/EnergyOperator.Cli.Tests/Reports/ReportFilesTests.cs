using System.Text.Json;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Serialization;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class ReportFilesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("energyctl-reports-");

    [Fact]
    public async Task WriteAll_ClusterBenchmark_WritesTheFourFormatsAndNoPartialFiles()
    {
        var benchmark = SampleResults.ClusterBenchmark(SampleResults.Runs);

        var paths = await ReportFiles.WriteAllAsync(BenchmarkView.FromCluster(benchmark), _directory, CancellationToken.None);

        Assert.Equal(["spam.json", "spam.csv", "spam.md", "spam.svg"], paths.Select(Path.GetFileName));
        Assert.Equal(paths.Order(), _directory.GetFiles().Select(f => f.FullName).Order());
        var json = JsonSerializer.Deserialize(File.ReadAllText(paths[0]), ContractsJsonContext.Default.EnergyBenchmark)!;
        Assert.Equal(benchmark.Status!.Summary!.Pareto, json.Status!.Summary!.Pareto);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
