using EnergyOperator.Controllers.LeaderElection;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Configuration;
using EnergyOperator.Operator.Benchmarks;
using Prometheus;

namespace EnergyOperator.Operator.Hosting;

/// <summary>Binds docs/operator-config.md's settings and registers the operator's services; invalid settings throw at start.</summary>
internal static class OperatorConfiguration
{
    public const string Section = "EnergyOperator";
    public const string LeaderElectionSection = "LeaderElection";
    public const string KubernetesSection = "Kubernetes";

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var hostOptions = section.Get<OperatorHostOptions>() ?? new OperatorHostOptions();
        var benchmarkOptions = new BenchmarkOperatorOptions();
        section.Bind(benchmarkOptions);
        // Node label keys hold '/' and '.', so they arrive as arguments (--EnergyOperator:DefaultNodeSelector:<label>=<value>).
        var nodeSelector = section.GetSection(nameof(BenchmarkOperatorOptions.DefaultNodeSelector)).GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.Ordinal);
        benchmarkOptions.DefaultNodeSelector = nodeSelector.Count > 0 ? nodeSelector : null;
        // Comma-separated like WatchNamespaces: a list in one variable (the binder reads lists only from indexed keys).
        var placement = section.GetSection(nameof(BenchmarkOperatorOptions.Placement));
        benchmarkOptions.Placement.AllowedNodeSelectorKeys = CommaList(placement[nameof(PlacementPolicy.AllowedNodeSelectorKeys)]);
        benchmarkOptions.Placement.AllowedTolerationKeys = CommaList(placement[nameof(PlacementPolicy.AllowedTolerationKeys)]);
        benchmarkOptions.Placement.AllowedGpuResources = CommaList(placement[nameof(PlacementPolicy.AllowedGpuResources)]);
        benchmarkOptions.Placement.AllowedModelServerImages = CommaList(placement[nameof(PlacementPolicy.AllowedModelServerImages)]);
        benchmarkOptions.Validate();

        var election = new LeaderElectionOptions();
        configuration.GetSection(LeaderElectionSection).Bind(election);
        election.LeaseNamespace ??= configuration["POD_NAMESPACE"];
        election.Validate();

        var clientOptions = new KubernetesClientOptions();
        configuration.GetSection(KubernetesSection).Bind(clientOptions);
        var client = new KubernetesClient(ClientConfigurationLoader.Load(), clientOptions);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(client);
        services.AddSingleton(hostOptions);
        services.AddSingleton(benchmarkOptions);
        services.AddSingleton(election);
        // A registry of our own: prometheus-net's default one carries process and runtime metrics nobody asked for.
        var registry = Metrics.NewCustomRegistry();
        if (hostOptions.ProcessMetrics)
        {
            DotNetStats.Register(registry);
        }

        services.AddSingleton(registry);
        services.AddSingleton<IMetricFactory>(Metrics.WithCustomRegistry(registry));
        services.AddSingleton<OperatorService>();
        services.AddHostedService(provider => provider.GetRequiredService<OperatorService>());
    }

    private static List<string> CommaList(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
