using EnergyOperator.Contracts.Schema;

namespace EnergyOperator.Install.Tests.Chart;

public sealed class ChartCrdTests
{
    [Fact]
    public void ChartCrds_AreExactlyTheGeneratedCrds()
    {
        var chartCrds = Directory.GetFiles(Path.Combine(Repository.ChartDirectory, "crds")).Select(Path.GetFileName);

        Assert.Equal([CrdFiles.FileName], chartCrds);
        Assert.Equal(
            File.ReadAllText(Repository.PathOf($"crds/{CrdFiles.FileName}")),
            File.ReadAllText(Path.Combine(Repository.ChartDirectory, "crds", CrdFiles.FileName)));
    }
}
