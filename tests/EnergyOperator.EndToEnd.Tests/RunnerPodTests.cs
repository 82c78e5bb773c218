using System.Diagnostics;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Testing;

namespace EnergyOperator.EndToEnd.Tests;

/// <summary>The <c>energy-runner</c> binary as a runner pod starts it, without a cluster.</summary>
public sealed class RunnerPodTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("runner-pod-");

    [Fact]
    public async Task UnknownRun_ExitsTwo_WithAnInvalidInputResultNamingTheRuns()
    {
        var (exit, output) = await RunAsync(new()
        {
            [RunnerPod.BenchmarkEnv] = """{"metadata":{"name":"spam"},"spec":{"dataset":{"builtin":"spam-assassin","limit":300},"models":[{"name":"lr","classic":{"hashBits":14,"epochs":3}}],"runtime":{"batchSizes":[1]},"measurement":{"meters":["estimate"]}}}""",
            [RunnerPod.RunEnv] = "spam-lr-local-b99-r1",
        });

        Assert.Equal(RunnerPod.ExitInvalidInput, exit);
        var result = ReadTerminationMessage();
        Assert.Equal(("spam-lr-local-b99-r1", RunOutcome.Failed, "InvalidInput"), (result.Name, result.Outcome, result.Reason));
        Assert.Contains("spam-lr-local-b1-r1", result.Message);
        Assert.True(File.Exists(Path.Combine(_work.FullName, RunnerPod.RunResultFile)));

        // Logs are JSON lines for the cluster's log pipeline.
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task BenchmarkThatIsNotJson_ExitsTwo_NamingTheVariable()
    {
        var (exit, _) = await RunAsync(new() { [RunnerPod.BenchmarkEnv] = "{not json", [RunnerPod.RunEnv] = "spam-lr-local-b1-r1" });

        Assert.Equal(RunnerPod.ExitInvalidInput, exit);
        Assert.StartsWith(RunnerPod.BenchmarkEnv, ReadTerminationMessage().Message);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private RunResult ReadTerminationMessage() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_work.FullName, "termination-log")), ContractsJsonContext.Default.RunResult)!;

    private async Task<(int Exit, string Output)> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "energy-runner.dll")])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ENERGY_RESULTS_DIR"] = _work.FullName;
        start.Environment["ENERGY_TERMINATION_MESSAGE_PATH"] = Path.Combine(_work.FullName, "termination-log");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
