using System.Diagnostics;
using System.Text.Json;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Serve;

/// <summary>End to end, the real binaries: <c>energyctl serve</c> on loopback, and <c>energyctl run</c> driving it as a server model.</summary>
public sealed class ServerModelRunTests : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("energy-served-");
    private readonly string _url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
    private Process? _server;

    public async Task InitializeAsync()
    {
        var model = Path.Combine(_work.FullName, "tiny");
        await RandomDecoderDirectory.WriteAsync(new DecoderArchitecture { Layers = 1, Heads = 2, HiddenSize = 16, MaxPositions = 256, Seed = 5 }, model, CancellationToken.None);
        _server = EnergyctlProcess.Start(_work.FullName, "serve", "--model", model, "--urls", _url, "--served-model-name", "tiny");
        var lines = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? $$"""{"text": "win a free prize number {{i}} now", "label": "spam"}"""
            : $$"""{"text": "meeting notes for item {{i}}", "label": "ham"}""");
        await File.WriteAllLinesAsync(Path.Combine(_work.FullName, "short.jsonl"), lines);
    }

    public Task DisposeAsync()
    {
        _server?.Kill(entireProcessTree: true);
        _server?.Dispose();
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_served_model_gives_a_grid_and_a_zero_shot_result_with_invalid_answers_counted_as_energy_only_and_its_answers_as_predictions()
    {
        var manifest = Path.Combine(_work.FullName, "served.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata:
              name: served
            spec:
              dataset:
                file: { path: short.jsonl }
                testFraction: 0.5
              models:
                - name: grid
                  server: { url: "{{_url}}", model: tiny, readyTimeoutSeconds: 60, shape: { parameters: 900000, layers: 1, hiddenSize: 16 } }
                - name: zero-shot
                  server:
                    url: "{{_url}}"
                    api: chat
                    model: tiny
                    zeroShot:
                      promptTemplate: "Message: {text}\nSpam or ham?"
                      labels: { spam: spam, junk: spam, ham: ham }
                      maxTokens: 3
              workload:
                inputTokens: [8, 16]
                outputTokens: [4]
              runtime:
                batchSizes: [2]
                warmupBatches: 1
            """);

        var predictions = Path.Combine(_work.FullName, "predictions.jsonl");
        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName, "--predictions", predictions);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var report = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_work.FullName, "served.json")), ContractsJsonContext.Default.BenchmarkReport)!;
        var grid = Assert.Single(report.Runs, run => run.Model == "grid");
        Assert.Equal("server", grid.Engine);
        Assert.True(grid.EnergyOnly);
        Assert.True(grid.Generation!.RandomWeights);
        Assert.Equal(new DecoderShape(900_000, 1, 16), grid.Generation.Shape);
        Assert.All(grid.Generation.Cells, cell =>
        {
            Assert.Null(cell.NotMeasured);
            Assert.True(cell.TimeToFirstTokenSeconds > 0);
            Assert.True(cell.Prefill!.Joules + cell.Decode!.Joules > 0);
        });
        Assert.Equal(2, grid.Generation.Cells.Count);

        var zeroShot = Assert.Single(report.Runs, run => run.Model == "zero-shot");
        Assert.Equal(RunOutcome.Succeeded, zeroShot.Outcome);
        Assert.Equal("server/zero-shot", zeroShot.Engine);
        // Random weights (the server says so in /v1/models): no accuracy, but every answer is counted.
        Assert.True(zeroShot.EnergyOnly);
        Assert.Null(zeroShot.Accuracy);
        Assert.Equal(10, zeroShot.ZeroShot!.Answers);
        Assert.InRange(zeroShot.ZeroShot.InvalidAnswers, 0, 10);
        Assert.True(zeroShot.Energy!.Joules > 0);
        Assert.Contains("invalid)", File.ReadAllText(Path.Combine(_work.FullName, "served.md")));

        // Energy only or not, every answer is written with its text (a grid predicts nothing): the invalid ones predict no label.
        var lines = File.ReadAllLines(predictions).Select(line => JsonSerializer.Deserialize(line, PredictionJsonContext.Default.PredictionLine)!).ToList();
        Assert.Equal(10, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal(zeroShot.Name, line.Run);
            Assert.NotNull(line.Answer);
            Assert.Null(line.Scores);
            Assert.Contains(line.Predicted, new[] { "spam", "ham", null });
        });
        Assert.Equal(zeroShot.ZeroShot.InvalidAnswers, lines.Count(line => line.Predicted is null));
    }

    [Fact]
    public async Task A_server_that_does_not_serve_the_model_is_invalid_input_naming_the_field()
    {
        var manifest = Path.Combine(_work.FullName, "wrong.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata:
              name: wrong
            spec:
              dataset:
                file: { path: short.jsonl }
              models:
                - name: zero-shot
                  server:
                    url: "{{_url}}"
                    model: gpt-4
                    zeroShot: { promptTemplate: "{text}" }
            """);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(_work.FullName, "run", "-f", manifest, "--out", _work.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("spec.models[0].server.model", error);
        Assert.Contains("tiny", error);
    }
}
