using System.Globalization;
using System.Text.Json;
using System.Diagnostics;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Testing.Processes;
using EnergyOperator.Operator.Hosting;

namespace EnergyOperator.Operator.Tests.Hosting;

/// <summary>The real operator binary: configuration, kubeconfig, leader election, controller, health and metrics endpoints.</summary>
public sealed class OperatorHostTests
{
    [Fact]
    public async Task Operator_CreatesRunnerPodsForANewBenchmark_ServesMetrics_AndReleasesItsLeaseOnSigterm()
    {
        await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions());
        await using var process = await OperatorProcess.StartAsync(server, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });
        await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        server.Create(KubernetesResources.EnergyBenchmarks, new EnergyBenchmark
        {
            Metadata = new() { Name = "host", NamespaceProperty = "default" },
            Spec = new() { Models = [new() { Name = "lr", Classic = new() }], Runtime = new() { BatchSizes = [1, 8] }, Dataset = new() { Builtin = BuiltinDatasets.SpamAssassin } },
        });

        var pod = await EventuallyAsync(() => server.Get(KubernetesResources.Pods, "default", "host-lr-local-b1-r1"));
        Assert.Equal("energy-runner:test", pod.Spec!.Containers.Single(c => c.Name == "runner").Image);
        var metrics = await process.Http.GetStringAsync(new Uri(process.Url, "/metrics"));
        Assert.Contains("# TYPE energy_operator_reconcile_total counter", metrics);
        Assert.Contains("# TYPE energy_operator_watch_restarts_total counter", metrics);
        Assert.DoesNotContain("process_cpu_seconds_total", metrics);
        var lease = server.Get(KubernetesResources.Leases, "default", "energy-operator");
        Assert.StartsWith("energy-operator-test_", lease!.Spec!.HolderIdentity);

        Assert.Equal(0, await process.TerminateAsync());
        var logLine = JsonDocument.Parse(process.Output.Split('\n').First(line => line.StartsWith('{'))).RootElement;
        Assert.True(DateTimeOffset.TryParse(logLine.GetProperty("Timestamp").GetString(), CultureInfo.InvariantCulture, out _), "JSON log lines carry a timestamp");
        Assert.True(string.IsNullOrEmpty(server.Get(KubernetesResources.Leases, "default", "energy-operator")!.Spec!.HolderIdentity), "the lease is released on shutdown");
        AssertWithinPermissions(server);
    }

    /// <summary>Every request the operator made is one its RBAC (OperatorPermissions, which the chart grants) allows.</summary>
    internal static void AssertWithinPermissions(ApiServerDouble server)
    {
        var used = server.Requests.Select(r => r.Authorization()).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, call => Assert.True(OperatorPermissions.Allows(call.Group, call.Resource, call.Verb), $"not granted: {call.Verb} {call.Group}/{call.Resource}"));
    }

    [Theory]
    [InlineData("EnergyOperator__RunnerImage", "", "RunnerImage")]
    [InlineData("EnergyOperator__MeterSecurity", "Root", "MeterSecurity")]
    public async Task Operator_WithUnusableSetting_ExitsTwoNamingIt(string variable, string value, string named)
    {
        await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions());
        await using var process = await OperatorProcess.StartAsync(server, new Dictionary<string, string> { [variable] = value });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(named, process.Output);
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, int seconds = 30)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"condition not met within {seconds} s");
    }
}
