using System.Diagnostics;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Testing.Faults;
using EnergyOperator.Kubernetes.Testing.Kubelet;
using EnergyOperator.Kubernetes.Testing.Processes;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Chaos;

/// <summary>
/// The real operator binary over an API server that fails at random (seeded): 500s, 429s with Retry-After, 409 on status
/// writes, 410 on watch resume, watches reset every few seconds and lagging behind. Whatever the faults, every benchmark
/// must complete with exactly the results its pods reported, from exactly one pod per run.
/// </summary>
public sealed class OperatorChaosTests
{
    private const int BenchmarkCount = 4;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Operator_UnderApiFaults_CompletesEveryBenchmarkExactlyOnce(int seed)
    {
        var spec = Spec([8, 16], repetitions: 2, parallelism: 2);
        var names = Enumerable.Range(0, BenchmarkCount).Select(i => $"chaos-{i}").ToList();
        var runs = names.SelectMany(name => RunPlanner.Expand(Stored(spec, name))).ToDictionary(run => run.Name);
        await using var server = await ApiServerDouble.StartAsync();
        // Pods step on slower than the benchmark watch lags: a status write is usually seen before the next pod change,
        // but not always before a pod's deletion (the race that once created a second pod for a recorded run).
        await using var kubelet = ScriptedKubelet.Start(server, new ScriptedKubeletOptions
        {
            Result = pod => Json(Succeeded(runs[pod.Metadata.Name!])),
            StepDelay = TimeSpan.FromMilliseconds(400),
        });
        server.Faults.Chaos = ChaosOptions.Standard(seed) with
        {
            WatchLag = new Dictionary<string, TimeSpan> { [EnergyBenchmark.Plural] = TimeSpan.FromMilliseconds(250) },
        };
        await using var process = await OperatorProcess.StartAsync(server);
        await process.WaitUntilReadyAsync(Guard);

        foreach (var name in names)
        {
            server.Create(KubernetesResources.EnergyBenchmarks, new EnergyBenchmark
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
                Spec = spec,
            });
        }

        var benchmarks = await WaitUntilCompleteAsync(server, names, process);

        Assert.All(benchmarks, benchmark =>
        {
            var plan = RunPlanner.Expand(benchmark);
            var status = benchmark.Status!;
            Assert.Equal((BenchmarkPhases.Complete, benchmark.Metadata.Generation), (status.Phase, status.ObservedGeneration));
            Assert.Equal(plan.Select(r => Json(Succeeded(r))), status.Runs.Select(Json));
            Assert.All(plan, run => Assert.Equal(1, server.Store.Creations(server.KindOf(KubernetesResources.Pods), "default", run.Name)));
        });
        Assert.Contains(server.Requests, r => r.IsWatch && r.Query.Contains("resourceVersion=", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<EnergyBenchmark>> WaitUntilCompleteAsync(ApiServerDouble server, IReadOnlyList<string> names, OperatorProcess process)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Guard)
        {
            var benchmarks = names.Select(name => server.Get(KubernetesResources.EnergyBenchmarks, "default", name)!).ToList();
            if (benchmarks.All(b => BenchmarkConditions.IsTrue(b.Status?.Conditions, BenchmarkConditions.Complete)))
            {
                return benchmarks;
            }

            await Task.Delay(100);
        }

        var phases = string.Join(", ", names.Select(name => $"{name}: {server.Get(KubernetesResources.EnergyBenchmarks, "default", name)?.Status?.Phase ?? "no status"}"));
        Assert.Fail($"Not every benchmark completed within {Guard.TotalSeconds} s ({phases}).\n{process.Output}");
        return [];
    }
}
