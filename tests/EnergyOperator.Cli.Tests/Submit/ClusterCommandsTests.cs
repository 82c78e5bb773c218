using EnergyOperator.Cli.Tests.Reports;
using EnergyOperator.Contracts.V1Alpha1;
using k8s.Models;

namespace EnergyOperator.Cli.Tests.Submit;

/// <summary><c>energyctl get</c>, <c>list</c> and <c>delete</c>, the real binary against the API server double.</summary>
public sealed class ClusterCommandsTests : IAsyncLifetime
{
    private ClusterUnderTest _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterUnderTest.StartAsync();
        _cluster.Seed(Benchmark("spam"));
        _cluster.WriteStatus("spam", SampleResults.CompleteStatus(SampleResults.Runs));
        _cluster.Seed(Benchmark("queued"));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Get_Markdown_PrintsTheClusterResult()
    {
        var (exit, output, error) = await _cluster.EnergyctlAsync("get", "spam", "-o", "markdown");

        Assert.True(exit == 0, error);
        Assert.Contains("**phase**: Failed", output);
        Assert.Contains($"| `{SampleResults.Accurate}` |", output);
    }

    [Fact]
    public async Task Get_Out_WritesTheFourReports()
    {
        var directory = Path.Combine(_cluster.Work.FullName, "reports");

        var (exit, _, error) = await _cluster.EnergyctlAsync("get", "spam", "-o", "json", "--out", directory);

        Assert.True(exit == 0, error);
        Assert.Equal(["spam.csv", "spam.json", "spam.md", "spam.svg"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Get_Missing_ExitsTwo()
    {
        var (exit, _, error) = await _cluster.EnergyctlAsync("get", "nope");

        Assert.Equal(2, exit);
        Assert.Contains("energybenchmark \"nope\" not found in namespace \"ci\"", error);
    }

    [Fact]
    public async Task List_PrintsOneLinePerBenchmark()
    {
        var (exit, output, error) = await _cluster.EnergyctlAsync("list");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["NAME", "PHASE", "RUNS", "BEST", "ACCURACY", "JOULES", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["queued", "Pending", "0/0", "-", "-"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]);
        Assert.Equal(["spam", "Failed", "4/4", "0.9700", "~5.4"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]);
        Assert.StartsWith("~ estimated", lines[^1]);
    }

    [Fact]
    public async Task Delete_RemovesTheBenchmark()
    {
        var (exit, output, error) = await _cluster.EnergyctlAsync("delete", "queued");

        Assert.True(exit == 0, error);
        Assert.Contains("energybenchmark/queued deleted", output);
        Assert.Null(_cluster.Get("queued"));
        Assert.NotNull(_cluster.Get("spam"));
    }

    private static EnergyBenchmark Benchmark(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ClusterUnderTest.Namespace },
        Spec = new EnergyBenchmarkSpec { Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin }, Models = [new ModelSpec { Name = "lr", Classic = new() }] },
    };
}
