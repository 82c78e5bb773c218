using System.CommandLine;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes;
using EnergyOperator.Kubernetes.Configuration;
using EnergyOperator.Kubernetes.Resources;
using k8s.Exceptions;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary>The kubectl-style options every cluster command takes, and the connection they describe.</summary>
internal sealed class ClusterOptions
{
    public Option<FileInfo?> KubeConfig { get; } = new("--kubeconfig")
    {
        HelpName = "file",
        Description = "Kubeconfig file (default: the first file of KUBECONFIG, then ~/.kube/config, then the pod's service account).",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        HelpName = "name",
        Description = "Kubeconfig context (default: its current-context).",
    };

    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        HelpName = "namespace",
        Description = "Namespace (default: the manifest's, then the context's, then 'default').",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(KubeConfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
    }

    /// <param name="manifestNamespace">The namespace a manifest names, if any; it must agree with <c>-n</c>.</param>
    /// <exception cref="KubeConfigException">The kubeconfig is missing, unreadable or lacks the context.</exception>
    /// <exception cref="InvalidInputException">The manifest's namespace contradicts <c>-n</c>.</exception>
    public ClusterConnection Connect(ParseResult parse, string? manifestNamespace = null)
    {
        var context = parse.GetValue(Context);
        var configuration = ClientConfigurationLoader.Load(parse.GetValue(KubeConfig)?.FullName, context);
        var requested = parse.GetValue(Namespace);
        if (requested is not null && manifestNamespace is not null && requested != manifestNamespace)
        {
            throw new InvalidInputException(
                $"the manifest's metadata.namespace '{manifestNamespace}' does not match --namespace '{requested}': drop one of them");
        }

        var client = new KubernetesClient(configuration, new KubernetesClientOptions { UserAgent = "energyctl", MaxRetries = 3 });
        var @namespace = requested ?? manifestNamespace ?? client.DefaultNamespace;
        return new ClusterConnection(client, @namespace, client.Namespaced(KubernetesResources.EnergyBenchmarks, @namespace));
    }
}

/// <summary>A client and the namespace's EnergyBenchmarks; disposing closes the connection.</summary>
internal sealed record ClusterConnection(KubernetesClient Client, string Namespace, ResourceClient<EnergyBenchmark> Benchmarks) : IDisposable
{
    public Uri Server => Client.Server;

    public void Dispose() => Client.Dispose();
}
