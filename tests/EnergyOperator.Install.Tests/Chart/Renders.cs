using System.Text.Json.Nodes;
using EnergyOperator.Install.Tests.Helm;

namespace EnergyOperator.Install.Tests.Chart;

/// <summary>The chart configurations the tests render, and shortcuts into a render.</summary>
internal static class Renders
{
    public const string WatchTwoNamespaces = "watchNamespaces: [a, b]";
    public const string WithServiceMonitor = "serviceMonitor: {enabled: true, labels: {release: prometheus}}";
    public const string WithoutLeaderElection = "leaderElection: {enabled: false}";
    public const string WithGpuNodeSelector = "defaultNodeSelector: {nvidia.com/gpu.present: \"true\"}";

    private static readonly Lazy<ChartRender> LazyDefault = new(() => Render(null));

    /// <summary>Lazy, so a chart that fails to render fails each test with its own message, not a type initializer's.</summary>
    public static ChartRender Default => LazyDefault.Value;

    public static ChartRender Render(string? valuesOverride) => Repository.Chart.Render(Repository.DefaultRelease, valuesOverride);

    public static JsonObject Deployment(this ChartRender render) => Assert.Single(render.OfKind("Deployment")).Object;

    public static JsonObject OperatorContainer(this ChartRender render) =>
        Assert.Single(render.Deployment()["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!.AsObject();

    public static IReadOnlyDictionary<string, JsonObject> Environment(this ChartRender render) =>
        render.OperatorContainer()["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!.AsObject());
}
