using System.Text.Json;
using EnergyOperator.Cli.Tests.Reports;
using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using k8s.Models;

namespace EnergyOperator.Cli.Tests.Submit;

/// <summary><c>energyctl submit</c>, the real binary, against the API server double, with the test playing the operator.</summary>
public sealed class SubmitCommandTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<RunResult> Succeeded = SampleResults.Runs.Where(r => r.Outcome == RunOutcome.Succeeded).ToList();
    private ClusterUnderTest _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ClusterUnderTest.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Submit_CreatesTheBenchmarkInTheContextsNamespace()
    {
        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest());

        Assert.True(exit == 0, error);
        Assert.Contains("energybenchmark/spam created in namespace ci", error);
        Assert.Equal("lr", Assert.Single(_cluster.Get("spam")!.Spec.Models).Name);
    }

    [Fact]
    public async Task Submit_Wait_ReturnsWhenCompleteAndPrintsTheResult()
    {
        var operatorDone = _cluster.WriteStatusOnceWatchedAsync("spam", generation => SampleResults.CompleteStatus(Succeeded, generation));

        var (exit, output, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--wait", "-o", "json");
        await operatorDone;

        Assert.True(exit == 0, error);
        Assert.Contains("spam: Pending, not yet picked up by the operator", error);
        Assert.Contains("spam: Complete, 3/3 runs done", error);
        var printed = JsonSerializer.Deserialize(output, ContractsJsonContext.Default.EnergyBenchmark)!;
        Assert.Equal(SampleResults.Accurate, printed.Status!.Summary!.BestAccuracyConfiguration);
        Assert.Contains(_cluster.Server.Requests, r => r.IsWatch && r.Query.Contains("resourceVersion=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--gate-min-accuracy", "0.98", 1, "gate failed: best accuracy 0.97 < 0.98 (bert/onnx/gpu/b32)")]
    [InlineData("--gate-min-accuracy", "0.95", 0, "gates passed: bert/onnx/gpu/b32")]
    [InlineData("--gate-max-joules-per-sample", "0.001", 1, "gate failed: lowest joules per sample ~0.002 > 0.001 (lr/classic/native/local/b16, estimated)")]
    [InlineData("--gate-max-wh-per-1k", "0.001", 0, "gates passed: lr/classic/native/local/b16")]
    public async Task Submit_WaitWithGate_ExitsByTheVerdictWithOneLineReason(string gate, string limit, int expectedExit, string reason)
    {
        var operatorDone = _cluster.WriteStatusOnceWatchedAsync("spam", generation => SampleResults.CompleteStatus(Succeeded, generation));

        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--wait", "-o", "markdown", gate, limit);
        await operatorDone;

        Assert.True(exit == expectedExit, error);
        var verdict = Assert.Single(Lines(error), line => line.StartsWith("gate", StringComparison.Ordinal));
        Assert.StartsWith(reason, verdict);
    }

    [Fact]
    public async Task Submit_Wait_FailedRuns_ExitsOneNamingThem()
    {
        var operatorDone = _cluster.WriteStatusOnceWatchedAsync("spam", generation => SampleResults.CompleteStatus(SampleResults.Runs, generation));

        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--wait", "-o", "json");
        await operatorDone;

        Assert.Equal(1, exit);
        Assert.Contains("runs failed: 1 of 4 runs failed: spam-bert-gpu-b1-r1 (RunnerFailed)", error);
    }

    [Fact]
    public async Task Submit_Wait_InvalidOnTheServer_ExitsTwoWithTheServersMessage()
    {
        const string Problem = "spec.hardware[0].nodeSelector: no node matches gpu=h100";
        var operatorDone = _cluster.WriteStatusOnceWatchedAsync("spam", generation => new EnergyBenchmarkStatus
        {
            ObservedGeneration = generation,
            Phase = "Invalid",
            Conditions = [new Condition("Invalid", "True", "InvalidSpec", Problem), new Condition("Complete", "False", "InvalidSpec", "nothing runs")],
        });

        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--wait");
        await operatorDone;

        Assert.Equal(2, exit);
        Assert.Contains($"error: energybenchmark/spam is invalid: {Problem}", error);
    }

    [Fact]
    public async Task Submit_Wait_PastTheTimeout_ExitsThree()
    {
        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--wait", "--timeout", "1s");

        Assert.Equal(3, exit);
        Assert.Contains("timed out after 00:00:01 waiting for energybenchmark/spam (Pending, not yet picked up by the operator)", error);
    }

    [Fact]
    public async Task Submit_Wait_WatchBreaksAndHistoryIsGone_RereadsAndStillFinishes()
    {
        var operatorDone = _cluster.WriteStatusOnceWatchedAsync(
            "spam",
            generation => SampleResults.CompleteStatus(Succeeded, generation),
            beforeWrite: () =>
            {
                _cluster.Server.Faults.CompactHistory();
                _cluster.Server.Faults.CloseWatches(abort: true);
            });

        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--wait", "-o", "json");
        await operatorDone;

        // The first watch ended before the status was written, so the result came through a new watch or a re-read.
        Assert.True(exit == 0, error);
        var afterFirstWatch = _cluster.Server.Requests.SkipWhile(r => !r.IsWatch).Skip(1);
        Assert.Contains(afterFirstWatch, r => r.Method == "GET" && (r.IsWatch || r.Path.EndsWith("/energybenchmarks/spam", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Submit_InvalidManifest_ExitsTwoNamingTheFieldWithoutCallingTheCluster()
    {
        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(model: "LR_native"));

        Assert.Equal(2, exit);
        Assert.Contains("spec.models[0].name", error);
        Assert.Empty(_cluster.Server.Requests);
    }

    [Fact]
    public async Task Submit_NameTaken_ExitsTwoSuggestingReplaceOrANewName()
    {
        var manifest = _cluster.WriteManifest();
        Assert.Equal(0, (await _cluster.EnergyctlAsync("submit", "-f", manifest)).ExitCode);

        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", manifest);

        Assert.Equal(2, exit);
        Assert.Contains("already exists in namespace \"ci\": pass --replace to replace its spec, or give metadata.name a new name", error);
    }

    [Fact]
    public async Task Submit_Replace_ReplacesTheSpecAndIgnoresThePreviousGenerationsResult()
    {
        _cluster.Seed(new EnergyBenchmark
        {
            Metadata = new V1ObjectMeta { Name = "spam", NamespaceProperty = ClusterUnderTest.Namespace },
            Spec = new EnergyBenchmarkSpec { Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin }, Models = [new ModelSpec { Name = "old", Classic = new() }] },
        });
        _cluster.WriteStatus("spam", SampleResults.CompleteStatus(SampleResults.Runs, generation: 1));
        var operatorDone = _cluster.WriteStatusOnceWatchedAsync("spam", generation => SampleResults.CompleteStatus(Succeeded, generation));

        var (exit, _, error) = await _cluster.EnergyctlAsync("submit", "-f", _cluster.WriteManifest(), "--replace", "--wait", "-o", "json");
        await operatorDone;

        // The old generation's result has a failed run (exit 1): exit 0 shows energyctl waited for the new one.
        Assert.True(exit == 0, error);
        Assert.Contains("energybenchmark/spam replaced", error);
        var stored = _cluster.Get("spam")!;
        Assert.Equal("lr", Assert.Single(stored.Spec.Models).Name);
        Assert.Equal(2, stored.Metadata.Generation);
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
