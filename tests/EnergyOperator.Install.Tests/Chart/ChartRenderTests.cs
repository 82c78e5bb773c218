using System.Text.Json.Nodes;
using EnergyOperator.Install.Tests.Helm;

namespace EnergyOperator.Install.Tests.Chart;

public sealed class ChartRenderTests
{
    public static TheoryData<string?> Configurations =>
        [null, Renders.WatchTwoNamespaces, Renders.WithServiceMonitor, Renders.WithoutLeaderElection, Renders.WithGpuNodeSelector];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Render_EveryConfiguration_YieldsNamedKubernetesObjects(string? values)
    {
        var render = Renders.Render(values);

        Assert.NotEmpty(render.Manifests);
        Assert.All(render.Manifests, m =>
        {
            Assert.Matches("^([a-z0-9.-]+/)?v[0-9a-z]+$", (string?)m.Object["apiVersion"]);
            Assert.False(string.IsNullOrEmpty((string?)m.Object["kind"]), $"{m.Template}: no kind");
            Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", m.Name);
        });
        Assert.Equal(render.Manifests.Count, render.Manifests.DistinctBy(m => (m.Kind, m.Name, (string?)m.Object["metadata"]!["namespace"])).Count());
    }

    [Fact]
    public void Deployment_SetsEveryDocumentedSettingAndNoOther()
    {
        var render = Renders.Render(Renders.WithGpuNodeSelector);
        var environment = render.Environment();
        var arguments = render.OperatorContainer()["args"]!.AsArray().Select(a => (string)a!).ToList();

        foreach (var setting in OperatorSettings.Documented)
        {
            if (setting.IsPerKey)
            {
                Assert.Contains(setting.ArgumentPrefix + "nvidia.com/gpu.present=true", arguments);
            }
            else
            {
                Assert.True(environment.ContainsKey(setting.Name), $"the Deployment does not set {setting.Name}");
            }
        }

        var documented = OperatorSettings.Documented.Where(s => !s.IsPerKey).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(environment.Keys, name => Assert.True(documented.Contains(name), $"{name} is not in docs/operator-config.md"));
        Assert.All(arguments, a => Assert.Contains(OperatorSettings.Documented.Where(s => s.IsPerKey), s => a.StartsWith(s.ArgumentPrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Deployment_DefaultsAreTheDocumentedDefaults()
    {
        var environment = Renders.Default.Environment();
        var literal = OperatorSettings.Documented.Where(s => s.LiteralDefault is not null).ToList();

        Assert.NotEmpty(literal);
        Assert.All(literal, s => Assert.Equal(s.LiteralDefault, (string?)environment[s.Name]["value"]));
        Assert.Null(Renders.Default.OperatorContainer()["args"]);
    }

    [Fact]
    public void Deployment_TakesIdentityAndLeaseNamespaceFromThePod()
    {
        var environment = Renders.Default.Environment();

        Assert.Equal("metadata.name", (string?)environment["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.namespace", (string?)environment["POD_NAMESPACE"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal(Repository.DefaultRelease.Namespace, (string?)environment["LeaderElection__LeaseNamespace"]["value"]);
    }

    [Theory]
    [InlineData(Renders.WatchTwoNamespaces, "EnergyOperator__WatchNamespaces", "a,b")]
    [InlineData(Renders.WithoutLeaderElection, "LeaderElection__Enabled", "false")]
    [InlineData("meter: {security: Capabilities, nativeSidecar: false}", "EnergyOperator__MeterSecurity", "Capabilities")]
    [InlineData("meter: {security: Capabilities, nativeSidecar: false}", "EnergyOperator__UseNativeSidecar", "false")]
    [InlineData("runner: {image: {tag: 0.1.0-cuda}, serviceAccount: bench}", "EnergyOperator__RunnerImage", "ghcr.io/energyoperator/energy-runner:0.1.0-cuda")]
    [InlineData("runner: {image: {tag: 0.1.0-cuda}, serviceAccount: bench}", "EnergyOperator__RunnerServiceAccount", "bench")]
    [InlineData("benchmarkImagePullPolicy: Always", "EnergyOperator__ImagePullPolicy", "Always")]
    public void Deployment_PassesValuesToTheOperator(string values, string variable, string expected) =>
        Assert.Equal(expected, (string?)Renders.Render(values).Environment()[variable]["value"]);

    [Fact]
    public void Deployment_ProbesHealthAndReadinessOnPort8080()
    {
        var container = Renders.Default.OperatorContainer();

        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(8080, ContainerPort(container, container["livenessProbe"]!["httpGet"]!["port"]!));
        Assert.Equal(8080, ContainerPort(container, container["readinessProbe"]!["httpGet"]!["port"]!));
    }

    [Fact]
    public void MetricsService_ServesPort8080NamedMetricsFromTheOperatorPods()
    {
        var service = Assert.Single(Renders.Default.OfKind("Service")).Object;
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray())!;
        var podLabels = Renders.Default.Deployment()["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        Assert.Equal("metrics", (string?)port["name"]);
        Assert.Equal(8080, (int)port["port"]!);
        Assert.Equal(8080, ContainerPort(Renders.Default.OperatorContainer(), port["targetPort"]!));
        Assert.All(service["spec"]!["selector"]!.AsObject(), label => Assert.Equal((string?)label.Value, (string?)podLabels[label.Key]));
    }

    [Fact]
    public void Deployment_RunsNonRootOnAReadOnlyRootFileSystemWithoutCapabilities()
    {
        var pod = Renders.Default.Deployment()["spec"]!["template"]!["spec"]!;
        var container = Renders.Default.OperatorContainer()["securityContext"]!;

        Assert.True((bool)pod["securityContext"]!["runAsNonRoot"]!);
        Assert.NotEqual(0, (int)pod["securityContext"]!["runAsUser"]!);
        Assert.True((bool)container["readOnlyRootFilesystem"]!);
        Assert.False((bool)container["allowPrivilegeEscalation"]!);
        Assert.Equal(["ALL"], container["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("/tmp", (string?)Renders.Default.OperatorContainer()["volumeMounts"]![0]!["mountPath"]);
    }

    [Fact]
    public void Deployment_ReplicasAndSchedulingComeFromValues()
    {
        var render = Renders.Render("replicaCount: 2\nnodeSelector: {pool: system}\ntolerations: [{key: dedicated, operator: Exists}]");
        var deployment = render.Deployment();

        Assert.Equal(2, (int)deployment["spec"]!["replicas"]!);
        Assert.Equal("system", (string?)deployment["spec"]!["template"]!["spec"]!["nodeSelector"]!["pool"]);
        Assert.Equal("dedicated", (string?)deployment["spec"]!["template"]!["spec"]!["tolerations"]![0]!["key"]);
        Assert.Null(Renders.Default.Deployment()["spec"]!["template"]!["spec"]!["nodeSelector"]);
    }

    [Fact]
    public void ServiceMonitor_OnlyWhenEnabled_ScrapesTheMetricsPort()
    {
        var monitor = Assert.Single(Renders.Render(Renders.WithServiceMonitor).OfKind("ServiceMonitor")).Object;
        var serviceLabels = Assert.Single(Renders.Default.OfKind("Service")).Object["metadata"]!["labels"]!.AsObject();

        Assert.Empty(Renders.Default.OfKind("ServiceMonitor"));
        Assert.Equal("metrics", (string?)monitor["spec"]!["endpoints"]![0]!["port"]);
        Assert.Equal("prometheus", (string?)monitor["metadata"]!["labels"]!["release"]);
        Assert.All(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(), l => Assert.Equal((string?)l.Value, (string?)serviceLabels[l.Key]));
    }

    [Fact]
    public void Notes_ExplainHowToRunAndAwaitABenchmark()
    {
        Assert.Contains("kubectl apply -f examples/", Renders.Default.Notes);
        Assert.Contains("kubectl wait --for=condition=Complete energybenchmark/", Renders.Default.Notes);
        Assert.Contains("every namespace", Renders.Default.Notes);
        Assert.Contains("a, b", Renders.Render(Renders.WatchTwoNamespaces).Notes);
    }

    /// <summary>A probe's or Service's port: a number, or the name of one of the container's ports.</summary>
    private static int ContainerPort(JsonObject container, JsonNode port) =>
        port.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? (int)port
            : (int)container["ports"]!.AsArray().Single(p => (string?)p!["name"] == (string)port!)!["containerPort"]!;
}
