using System.Diagnostics;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Testing.Kubelet;
using EnergyOperator.Kubernetes.Testing.Processes;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Hosting;

/// <summary>The real operator binary over a store holding a benchmark it cannot read, as a cluster from before the CRD's bounds.</summary>
public sealed class UnreadableBenchmarkTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Operator_UnreadableBenchmarkBesideAGoodOne_CompletesTheGoodOneAndMarksTheBadOneInvalidOnce()
    {
        var spec = Spec([8]);
        var runs = RunPlanner.Expand(Stored(spec, "good")).ToDictionary(run => run.Name);
        await using var server = await ApiServerDouble.StartAsync();
        await using var kubelet = ScriptedKubelet.Start(server, new ScriptedKubeletOptions
        {
            Result = pod => Json(Succeeded(runs[pod.Metadata.Name!])),
            StepDelay = TimeSpan.FromMilliseconds(100),
        });
        var bad = server.CreateBypassingSchemaAdmission(
            KubernetesResources.EnergyBenchmarks,
            PreBoundsObjects.WithSeedBeyondInt32(new EnergyBenchmark { Metadata = new V1ObjectMeta { Name = "bad", NamespaceProperty = "default" }, Spec = spec }));
        server.Create(KubernetesResources.EnergyBenchmarks, new EnergyBenchmark { Metadata = new V1ObjectMeta { Name = "good", NamespaceProperty = "default" }, Spec = spec });
        await using var process = await OperatorProcess.StartAsync(server);
        await process.WaitUntilReadyAsync(Guard);

        await EventuallyAsync(() => BenchmarkConditions.IsTrue(server.Get(KubernetesResources.EnergyBenchmarks, "default", "good")!.Status?.Conditions, BenchmarkConditions.Complete), process);
        await EventuallyAsync(() => PhaseOfBad(server) == BenchmarkPhases.Invalid, process);

        // Settle, then check that the report was written once: its own status write did not trigger another.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var status = server.Store.Get(server.KindOf(KubernetesResources.EnergyBenchmarks), "default", "bad")!["status"]!;
        var invalid = status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == BenchmarkConditions.Invalid)!;
        Assert.Equal((BenchmarkConditions.True, UnreadableObjectReporter.Reason), (invalid["status"]!.GetValue<string>(), invalid["reason"]!.GetValue<string>()));
        Assert.Contains("$.spec.dataset.seed", invalid["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var warning = Assert.Single(server.List(KubernetesResources.Events, "default"), e => e.InvolvedObject.Name == "bad");
        Assert.Equal(("Warning", UnreadableObjectReporter.Reason, bad["metadata"]!["uid"]!.GetValue<string>()), (warning.Type, warning.Reason, warning.InvolvedObject.Uid));
        Assert.Equal(1, warning.Count ?? 1);
        Assert.Single(server.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/energybenchmarks/bad/status", StringComparison.Ordinal));
        Assert.DoesNotContain(server.List(KubernetesResources.Pods, "default"), pod => pod.Metadata.Name!.StartsWith("bad-", StringComparison.Ordinal));
        Assert.False(process.HasExited);
    }

    private static string? PhaseOfBad(ApiServerDouble server) =>
        server.Store.Get(server.KindOf(KubernetesResources.EnergyBenchmarks), "default", "bad")?["status"]?["phase"]?.GetValue<string>();

    private static async Task EventuallyAsync(Func<bool> condition, OperatorProcess process)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < Guard, $"condition not met within {Guard.TotalSeconds} s\n{process.Output}");
            await Task.Delay(100);
        }
    }
}
