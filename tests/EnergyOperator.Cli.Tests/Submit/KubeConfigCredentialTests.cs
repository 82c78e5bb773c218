using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Submit;

/// <summary>
/// energyctl authenticates the way managed clusters need: EKS, GKE and AKS kubeconfigs run an exec credential plugin;
/// others name a file holding a token (<c>tokenFile:</c>). The double answers 401 to any other bearer token.
/// </summary>
public sealed class KubeConfigCredentialTests
{
    [Fact]
    public async Task List_ExecCredentialPlugin_SendsTheTokenThePluginPrints()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();
        var plugin = WriteCredentialPlugin(cluster.Work, ClusterUnderTest.RequiredToken);
        var kubeConfig = cluster.WriteKubeConfigWithUser("exec-kubeconfig",
            $"{{ exec: {{ apiVersion: client.authentication.k8s.io/v1, command: \"{plugin}\", interactiveMode: Never }} }}");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(cluster.Work.FullName, "list", "--kubeconfig", kubeConfig);

        Assert.True(exit == 0, error);
        Assert.Contains(cluster.Server.Requests, r => r.Method == "GET" && r.Path.EndsWith("/energybenchmarks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_ExecCredentialPluginWithAWrongToken_ExitsFourAsUnauthorized()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();
        var plugin = WriteCredentialPlugin(cluster.Work, "stale-token");
        var kubeConfig = cluster.WriteKubeConfigWithUser("exec-kubeconfig",
            $"{{ exec: {{ apiVersion: client.authentication.k8s.io/v1, command: \"{plugin}\", interactiveMode: Never }} }}");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(cluster.Work.FullName, "list", "--kubeconfig", kubeConfig);

        Assert.Equal(4, exit);
        Assert.Contains("401", error);
    }

    [Fact]
    public async Task List_TokenFile_SendsTheTokenInTheFile()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(cluster.Work.FullName, "token"), ClusterUnderTest.RequiredToken + "\n");
        var kubeConfig = cluster.WriteKubeConfigWithUser("tokenfile-kubeconfig", "{ tokenFile: token }");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(cluster.Work.FullName, "list", "--kubeconfig", kubeConfig);

        Assert.True(exit == 0, error);
        Assert.Contains(cluster.Server.Requests, r => r.Method == "GET" && r.Path.EndsWith("/energybenchmarks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_TokenFileMissing_ExitsFourNamingTheFile()
    {
        await using var cluster = await ClusterUnderTest.StartAsync();
        var kubeConfig = cluster.WriteKubeConfigWithUser("tokenfile-kubeconfig", "{ tokenFile: missing-token }");

        var (exit, _, error) = await EnergyctlProcess.RunAsync(cluster.Work.FullName, "list", "--kubeconfig", kubeConfig);

        Assert.Equal(4, exit);
        Assert.Contains(Path.Combine(cluster.Work.FullName, "missing-token"), error);
        Assert.Empty(cluster.Server.Requests);
    }

    /// <summary>A shell script printing an <c>ExecCredential</c>, as <c>aws eks get-token</c> or <c>kubelogin</c> do.</summary>
    private static string WriteCredentialPlugin(DirectoryInfo work, string token)
    {
        var path = Path.Combine(work.FullName, "credential-plugin.sh");
        File.WriteAllText(path, $$$"""
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"{{{token}}}"}}'

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
