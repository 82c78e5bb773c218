using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Submit;

/// <summary>Every way the cluster can be unusable ends in exit code 4 and one line that names the fix, never a stack trace.</summary>
public sealed class ClusterFailureTests
{
    [Fact]
    public async Task Submit_NothingListening_ExitsFourWithOneLine()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();
        var closed = ClusterUnderTest.WriteKubeConfigForClosedPort(cluster.Work);

        var (exit, _, error) = await EnergyctlProcess.RunAsync(cluster.Work.FullName, "submit", "-f", cluster.WriteManifest(), "--kubeconfig", closed);

        Assert.Equal(4, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("error: cannot reach http://127.0.0.1:", line);
        Assert.Contains("--context", line);
    }

    [Fact]
    public async Task Submit_UnknownContext_ExitsFourNamingTheContexts()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();

        var (exit, _, error) = await cluster.EnergyctlAsync("submit", "-f", cluster.WriteManifest(), "--context", "production");

        Assert.Equal(4, exit);
        Assert.Contains("no context named 'production' (it has: test)", Assert.Single(Lines(error)));
    }

    [Fact]
    public async Task Submit_CrdNotInstalled_ExitsFourSayingHowToInstallIt()
    {
        await using var cluster = await ClusterUnderTest.StartAsync(new ApiServerDoubleOptions { RegisterDefaultKinds = false });

        var (exit, _, error) = await cluster.EnergyctlAsync("submit", "-f", cluster.WriteManifest());

        Assert.Equal(4, exit);
        var line = Assert.Single(Lines(error));
        Assert.Contains("the EnergyBenchmark CRD is not installed", line);
        Assert.Contains("energyctl crd | kubectl apply -f -", line);
    }

    [Fact]
    public async Task Submit_Forbidden_ExitsFourPointingAtRbac()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();
        cluster.Server.Faults.FailNext(1, 403, r => r.Method == "POST");

        var (exit, _, error) = await cluster.EnergyctlAsync("submit", "-f", cluster.WriteManifest());

        Assert.Equal(4, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("error: RBAC denied the request", line);
        Assert.Contains("energybenchmarks.energy.energyoperator.io in namespace \"ci\"", line);
        Assert.Null(cluster.Get("spam"));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
