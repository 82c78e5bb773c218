using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing.Kubelet;
using EnergyOperator.Operator.Benchmarks;

namespace EnergyOperator.EndToEnd.Tests;

/// <summary>An EnergyBenchmark applied to the API server, run by the operator through real runner and meter processes.</summary>
public sealed class BenchmarkLifecycleTests
{
    [Fact]
    public async Task Benchmark_RunsEveryModelThroughRunnerAndMeter_AndReportsAccuracyAndJoules()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Apply("spam", Benchmarks.SpamAssassin(ModelEngine.Native, ModelEngine.OnnxRuntime));

        var benchmark = await cluster.WaitForCompleteAsync("spam");

        var status = benchmark.Status!;
        Assert.True(status.Phase == BenchmarkPhases.Complete, cluster.Describe("spam"));
        Assert.Equal(2, status.RunsTotal);
        Assert.Equal(["spam-lr-native-local-b16-r1", "spam-lr-ort-local-b16-r1"], status.Runs.Select(r => r.Name).Order());
        Assert.All(status.Runs, run =>
        {
            Assert.True(run.IsValidMeasurement, $"{run.Name}: {run.Reason} {run.Message}");
            Assert.InRange(run.Accuracy!.Value, 0.8, 1.0);
            Assert.True(run.Energy!.Joules > 0, $"{run.Name} measured {run.Energy.Joules} J");
            Assert.True(run.Energy.Estimated);
            Assert.Equal(60, run.Samples);
        });
        Assert.Equal(["classic/native", "classic/onnxruntime"], status.Runs.Select(r => r.Engine).Order());
        Assert.NotNull(status.Summary);
        Assert.Equal(status.Runs.Max(r => r.Accuracy), status.BestAccuracy);

        // The operator records outcome events after the status write the wait saw: give them a moment to land.
        HashSet<string> expected = [BenchmarkEventReasons.RunCreated, BenchmarkEventReasons.RunSucceeded, BenchmarkEventReasons.Completed];
        var reasons = new HashSet<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline && !reasons.IsSupersetOf(expected); await Task.Delay(100))
        {
            reasons = cluster.Server.List(KubernetesResources.Events, Cluster.Namespace)
                .Where(e => e.InvolvedObject.Name == "spam").Select(e => e.Reason).ToHashSet();
        }

        Assert.Superset(expected, reasons);

        // The runner's full result (per-class scores included) is in the results volume, beside the meter's summary.
        var results = cluster.Kubelet.VolumePath("spam-lr-ort-local-b16-r1", RunnerPod.ResultsVolume)!;
        var full = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(results, RunnerPod.RunResultFile)), ContractsJsonContext.Default.RunResult)!;
        Assert.Equal(2, full.PerClass!.Count);
        Assert.True(File.Exists(Path.Combine(results, RunnerPod.MeterSummaryFile)), cluster.Describe("spam"));
    }

    [Fact]
    public async Task RunnerCrash_FailsTheRunWithItsReason_AndNeverCountsIt()
    {
        await using var cluster = await Cluster.StartAsync(kubelet =>
            kubelet.Images.Insert(0, ImageMapping.Shell("energy-runner", "echo 'segmentation fault in libonnxruntime' >&2; exit 1")));
        cluster.Apply("crash", Benchmarks.SpamAssassin(ModelEngine.Native));

        var status = (await cluster.WaitForCompleteAsync("crash")).Status!;

        var run = Assert.Single(status.Runs);
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(RunFailureReasons.RunnerFailed, run.Reason);
        Assert.Contains("exited with code 1", run.Message);
        Assert.Contains("segmentation fault", run.Message);
        Assert.False(run.IsValidMeasurement);
        Assert.Null(run.Energy);
        Assert.Equal(BenchmarkPhases.Failed, status.Phase);
        Assert.Null(status.BestAccuracy);
    }

    [Fact]
    public async Task ImagePullFailure_FailsTheRunAsImagePullFailed()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Kubelet.Faults.FailImagePull("energy-meter");
        cluster.Apply("nopull", Benchmarks.SpamAssassin(ModelEngine.Native));

        var status = (await cluster.WaitForCompleteAsync("nopull")).Status!;

        var run = Assert.Single(status.Runs);
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(RunFailureReasons.ImagePullFailed, run.Reason);
        Assert.Contains(Cluster.MeterImage, run.Message);
    }

    [Fact]
    public async Task MeterCrash_FailsTheRunAsMeterFailed()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Kubelet.Faults.KillAfterStart(RunnerPod.MeterContainer, TimeSpan.Zero);
        cluster.Apply("nometer", Benchmarks.SpamAssassin(ModelEngine.Native));

        var status = (await cluster.WaitForCompleteAsync("nometer")).Status!;

        var run = Assert.Single(status.Runs);
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(RunFailureReasons.MeterFailed, run.Reason);
        Assert.False(run.IsValidMeasurement);
    }

    [Fact]
    public async Task RunPastItsTimeout_IsKilledByTheKubelet_AndFailsAsDeadlineExceeded()
    {
        await using var cluster = await Cluster.StartAsync();
        var spec = Benchmarks.SpamAssassin(ModelEngine.Native);
        spec.Runtime.TimeoutSeconds = 1;
        spec.Measurement.IdleBaselineSeconds = 30;
        cluster.Apply("slow", spec);

        var status = (await cluster.WaitForCompleteAsync("slow")).Status!;

        var run = Assert.Single(status.Runs);
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(RunFailureReasons.DeadlineExceeded, run.Reason);
    }

    [Fact]
    public async Task OperatorRestart_MidBenchmark_CreatesNoDuplicatePods_AndLosesNoResult()
    {
        await using var cluster = await Cluster.StartAsync();
        var spec = Benchmarks.SpamAssassin(ModelEngine.Native, ModelEngine.OnnxRuntime);
        spec.Runtime.Repetitions = 2;
        spec.Parallelism = 1;
        cluster.Apply("restart", spec);

        await WaitUntilAsync(() => cluster.Server.List(KubernetesResources.Pods, Cluster.Namespace).Count >= 1, "the first pod");
        await cluster.StopOperatorAsync();
        await cluster.StartOperatorAsync();

        var status = (await cluster.WaitForCompleteAsync("restart")).Status!;

        var runs = RunPlanner.Expand(cluster.Get("restart")).Select(r => r.Name).Order().ToList();
        Assert.Equal(runs, status.Runs.Select(r => r.Name).Order());
        Assert.All(status.Runs, run => Assert.True(run.IsValidMeasurement, $"{run.Name}: {run.Reason} {run.Message}"));
        var podCreates = cluster.Server.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/pods", StringComparison.Ordinal)).ToList();
        Assert.Equal(runs.Count, podCreates.Count);
        Assert.Equal(runs, cluster.Kubelet.Pods().Order());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token).ConfigureAwait(false);
        }
    }
}
