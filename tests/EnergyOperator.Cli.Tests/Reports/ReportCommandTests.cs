using System.Text.Json;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Reports;

/// <summary><c>energyctl report</c>, the real binary, on saved reports.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("energyctl-report-");

    [Fact]
    public async Task OneReport_PrintsTheSameMarkdownAsTheRunThatSavedIt()
    {
        var report = SampleResults.StudyReport();
        var file = Save("spam.json", report);

        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", file);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Equal(MarkdownReport.Render(BenchmarkView.FromReport(report)), output);
    }

    [Fact]
    public async Task OneReport_WithOut_WritesAllFourFormats()
    {
        var file = Save("spam.json", SampleResults.StudyReport());
        var reports = Path.Combine(_work.FullName, "rendered");

        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", file, "--format", "svg", "--out", reports);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.StartsWith("<?xml", output);
        Assert.Equal(["spam.csv", "spam.json", "spam.md", "spam.svg"], Directory.GetFiles(reports).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Merge_PartsOfOneBenchmark_PrintsOneReportOfEveryRun()
    {
        var study = SampleResults.StudyReport();
        var cpu = study with { Runs = [.. study.Runs.Where(r => r.Hardware == "local")] };
        var gpu = study with { Runs = [.. study.Runs.Where(r => r.Hardware == "gpu")] };

        var (exit, output, error) = await EnergyctlProcess.RunAsync(
            _work.FullName, "report", "--merge", Save("cpu.json", cpu), Save("gpu.json", gpu), "--format", "json");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var merged = JsonSerializer.Deserialize(output, ContractsJsonContext.Default.BenchmarkReport)!;
        Assert.Equal(study.Runs.Count, merged.Runs.Count);
        Assert.Equal(study.Summary.Configurations.Count, merged.Summary.Configurations.Count);
    }

    [Fact]
    public async Task Merge_OneFile_ExitsTwoSayingItJoinsParts()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", "--merge", Save("spam.json", SampleResults.Report()));

        Assert.Equal(2, exit);
        Assert.Contains("--merge takes two or more", error);
    }

    [Fact]
    public async Task TwoReports_PrintRatiosPerMatchingConfiguration()
    {
        var before = SampleResults.Report();
        var faster = before.Runs.Select(r => r.Model == "bert" && r.Energy is { } e
            ? r with { Energy = e with { Joules = e.Joules / 2, JoulesPerSample = e.JoulesPerSample / 2 }, SamplesPerSecond = r.SamplesPerSecond * 2 }
            : r).ToList();
        var after = before with { Runs = faster, Summary = BenchmarkSummary.From(faster) };

        var (exit, output, error) = await EnergyctlProcess.RunAsync(
            _work.FullName, "report", Save("before.json", before), Save("after.json", after), "--format", "json");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var comparison = JsonDocument.Parse(output).RootElement;
        var bert = comparison.GetProperty("configurations").EnumerateArray().Single(c => c.GetProperty("key").GetString() == SampleResults.Accurate);
        Assert.Equal(1, bert.GetProperty("accuracyRatio").GetDouble(), 12);
        Assert.Equal(0.5, bert.GetProperty("joulesPerSampleRatio").GetDouble(), 12);
        Assert.Equal(2, bert.GetProperty("samplesPerSecondRatio").GetDouble(), 12);
        Assert.Equal(2, comparison.GetProperty("configurations").GetArrayLength());
    }

    [Fact]
    public async Task ClusterBenchmarkSavedBySubmit_RendersItsStatus()
    {
        var benchmark = SampleResults.ClusterBenchmark(SampleResults.Runs);
        var file = Path.Combine(_work.FullName, "spam.json");
        File.WriteAllText(file, JsonSerializer.Serialize(benchmark, ContractsJsonContext.Default.EnergyBenchmark));

        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", file);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Equal(MarkdownReport.Render(BenchmarkView.FromCluster(benchmark)), output);
        Assert.Contains("**phase**: Failed", output);
    }

    [Fact]
    public async Task TwoReportsAsSvg_ExitTwoNamingTheFormat()
    {
        var file = Save("spam.json", SampleResults.Report());

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", file, file, "--format", "svg");

        Assert.Equal(2, exit);
        Assert.Contains("--format svg", error);
    }

    [Theory]
    [InlineData("{\"benchmark\": 3}", "is not a benchmark report")]
    [InlineData("not json", "is not a benchmark report")]
    public async Task FileThatIsNotAReport_ExitsTwoNamingTheFile(string content, string message)
    {
        var file = Path.Combine(_work.FullName, "broken.json");
        File.WriteAllText(file, content);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", file);

        Assert.Equal(2, exit);
        Assert.Contains($"broken.json: {message}", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task MissingFile_ExitsTwoSayingSo()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "report", Path.Combine(_work.FullName, "nowhere.json"));

        Assert.Equal(2, exit);
        Assert.Contains("nowhere.json: does not exist", error);
    }

    [Fact]
    public async Task ThreeFiles_ExitTwo()
    {
        var file = Save("spam.json", SampleResults.Report());

        var (exit, _, _) = await EnergyctlProcess.RunAsync(_work.FullName, "report", file, file, file);

        Assert.Equal(2, exit);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private string Save(string name, BenchmarkReport report)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, JsonSerializer.Serialize(report, ContractsJsonContext.Default.BenchmarkReport));
        return path;
    }
}
