using System.Text.Json;
using EnergyOperator.Cli.Tests.Reports;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Trace;

/// <summary><c>energyctl trace</c> and <c>energyctl model make-decoder</c>, the real binary.</summary>
public sealed class TraceCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("energyctl-trace-");

    [Fact]
    public async Task A_trace_over_a_grid_prints_its_total_beside_the_grid_it_used()
    {
        var report = Write("grid.json", JsonSerializer.Serialize(GenerationResults.Report(), ContractsJsonContext.Default.BenchmarkReport));
        var trace = Write("trace.csv", "input_tokens,output_tokens\n20,8\n30,8\n40,60\n2000,8\n");

        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "trace", "--report", report, "--trace", trace);

        // Batch 4 (the largest): 32×8 takes 4 + 16 = 20 J per batch, 512×8 takes 160 J. Two requests in 32×8, 2000×8 clamped to
        // 512×8, and 40×60 bins up to 512×64, which was not measured: 2/4 · 20 + 1/4 · 160 = 50 J.
        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("`gpt2/h200/b4`", output);
        Assert.Contains("- **total energy**: 50 J", output);
        Assert.Contains("- **clamped**: 1 requests", output);
        Assert.Contains("- **left out**: 1 requests", output);
        Assert.Contains("### `grid-gpt2-h200-b4-r1`", output);
    }

    [Fact]
    public async Task A_hostile_trace_exits_2_naming_the_line_and_field()
    {
        var report = Write("grid.json", JsonSerializer.Serialize(GenerationResults.Report(), ContractsJsonContext.Default.BenchmarkReport));
        var trace = Write("trace.csv", "input_tokens,output_tokens\n20,8\n20,eight\n");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "trace", "--report", report, "--trace", trace);

        Assert.Equal(2, exit);
        Assert.Contains("--trace trace.csv: line 3, field output_tokens: 'eight'", error);
    }

    [Fact]
    public async Task A_report_without_a_grid_exits_2_saying_what_to_run()
    {
        var report = Write("spam.json", JsonSerializer.Serialize(SampleResults.Report(), ContractsJsonContext.Default.BenchmarkReport));
        var trace = Write("trace.csv", "input_tokens,output_tokens\n20,8\n");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "trace", "--report", report, "--trace", trace);

        Assert.Equal(2, exit);
        Assert.Contains("no succeeded generation grid", error);
    }

    [Fact]
    public async Task Make_decoder_writes_a_random_weight_model_and_its_provenance()
    {
        var directory = Path.Combine(_work.FullName, "decoder");

        var (exit, output, error) = await EnergyctlProcess.RunAsync(_work.FullName, "model", "make-decoder", "--out", directory, "--layers", "1", "--hidden", "32");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("random weights (energy only)", output);
        Assert.True(File.Exists(Path.Combine(directory, "model.onnx")));
        Assert.Contains("\"randomWeights\": true", File.ReadAllText(Path.Combine(directory, "provenance.json")));
    }

    [Fact]
    public async Task Make_decoder_with_a_width_that_heads_do_not_divide_exits_2()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "model", "make-decoder", "--out", _work.FullName, "--hidden", "30");

        Assert.Equal(2, exit);
        Assert.Contains("multiple of heads", error);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
