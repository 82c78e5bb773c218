using EnergyOperator.Contracts.Schema;
using EnergyOperator.Install.Tests.Helm;

namespace EnergyOperator.Install.Tests;

/// <summary>Paths of the repository under test, and the chart's renders the tests share.</summary>
internal static class Repository
{
    /// <summary>The release <c>config/default</c> is rendered as: <c>helm install energy-operator -n energy-system</c>.</summary>
    public static readonly Release DefaultRelease = new("energy-operator", "energy-system");

    private static readonly Lazy<HelmChart> LazyChart = new(() => HelmChart.Load(ChartDirectory));

    public static string Root { get; } =
        CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No EnergyOperator.sln above {AppContext.BaseDirectory}: run the tests from the repository.");

    public static string ChartDirectory => PathOf("charts/energy-operator");

    public static HelmChart Chart => LazyChart.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
