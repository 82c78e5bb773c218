using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EnergyOperator.Kubernetes.Configuration;

/// <summary>
/// Picks the library's configuration the way kubectl does. What it adds to <see cref="KubernetesClientConfiguration.BuildDefaultConfig"/>:
/// a context other than the current one, errors that name what is there, and an error instead of its silent fallback to
/// <c>http://localhost:8080</c>.
/// </summary>
public static class ClientConfigurationLoader
{
    // Not the library's LoadKubeConfig: it parses with KubernetesYaml, whose static constructor maps every property of
    // every k8s.Models type by reflection, three times, and keeps the result for the life of the process. A kubeconfig
    // needs only the KubeConfigModels' own YamlMember names.
    private static readonly IDeserializer KubeConfigYaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>
    /// <paramref name="kubeConfigPath"/> when given; otherwise the first file of <c>KUBECONFIG</c> or <c>~/.kube/config</c>
    /// when present; otherwise the pod's service account.
    /// </summary>
    /// <param name="context">A kubeconfig context; null takes its current-context. Ignored in a pod.</param>
    /// <exception cref="KubeConfigException">No configuration, or one the library cannot use (e.g. the context is missing).</exception>
    public static KubernetesClientConfiguration Load(string? kubeConfigPath = null, string? context = null)
    {
        var path = kubeConfigPath ?? DefaultKubeConfigPath();
        if (kubeConfigPath is not null || File.Exists(path))
        {
            if (!File.Exists(path))
            {
                throw new KubeConfigException($"Kubeconfig '{path}' does not exist.");
            }

            return FromKubeConfig(path, context);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        throw new KubeConfigException(
            $"No cluster configuration: '{path}' does not exist and this is not a pod (KUBERNETES_SERVICE_HOST is unset). " +
            "Set KUBECONFIG or create ~/.kube/config (e.g. with 'kind create cluster').");
    }

    private static KubernetesClientConfiguration FromKubeConfig(string path, string? context)
    {
        var text = File.ReadAllText(path);
        var kubeConfig = KubeConfigYaml.Deserialize<K8SConfiguration?>(text) ?? new K8SConfiguration();
        // Relative certificate paths are relative to the kubeconfig, as the library's LoadKubeConfig sets up.
        kubeConfig.FileName = Path.GetFullPath(path);
        var contexts = kubeConfig.Contexts?.Select(c => c.Name).ToList() ?? [];
        var name = context ?? kubeConfig.CurrentContext;
        if (string.IsNullOrEmpty(name))
        {
            throw new KubeConfigException($"Kubeconfig '{path}' has no current-context; pass --context or run 'kubectl config use-context <name>'.");
        }

        if (!contexts.Contains(name))
        {
            throw new KubeConfigException(
                $"Kubeconfig '{path}' has no context named '{name}'" + (contexts.Count > 0 ? $" (it has: {string.Join(", ", contexts)})." : "."));
        }

        return KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeConfig, name);
    }

    /// <summary>The first file of <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public static string DefaultKubeConfigPath()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = variable?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }
}
