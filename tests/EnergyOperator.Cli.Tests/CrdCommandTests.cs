using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests;

public sealed class CrdCommandTests
{
    [Fact]
    public async Task Crd_PrintsTheCommittedCustomResourceDefinition()
    {
        var root = RepositoryPaths.Root;

        var (exit, output, error) = await EnergyctlProcess.RunAsync(root, "crd");

        Assert.True(exit == 0, error);
        var committed = await File.ReadAllTextAsync(Path.Combine(root, "crds", "energy.energyoperator.io_energybenchmarks.yaml"));
        Assert.Equal(committed.TrimEnd(), output.TrimEnd());
    }
}
