using EnergyOperator.Kubernetes.Transport;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EnergyOperator.Kubernetes.Configuration;

/// <summary>
/// Picks the library's configuration the way kubectl does. What it adds to <see cref="KubernetesClientConfiguration.BuildDefaultConfig"/>:
/// a context other than the current one, errors that name what is there, an error instead of its silent fallback to
/// <c>http://localhost:8080</c>, and a user's <c>tokenFile</c>, which the library ignores.
/// </summary>
public static class ClientConfigurationLoader
{
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
        // Not the library's LoadKubeConfig: it parses with KubernetesYaml, whose static constructor maps every property
        // of every k8s.Models type by reflection, three times, and keeps the result for the life of the process. A
        // kubeconfig needs only the KubeConfigModels' own YamlMember names. One per call: a kubeconfig is read once, and
        // the library guards its shared deserializers with a lock.
        var yaml = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        var text = File.ReadAllText(path);
        var kubeConfig = yaml.Deserialize<K8SConfiguration?>(text) ?? new K8SConfiguration();
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

        var tokenFile = TokenFileOf(kubeConfig, yaml.Deserialize<TokenFileUsers?>(text), name);
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeConfig, name);
        if (tokenFile is not null)
        {
            configuration.TokenProvider = tokenFile;
        }

        return configuration;
    }

    /// <summary>
    /// A reader of the context's user's <c>tokenFile</c> when it has no <c>token</c> (client-go's precedence); the first
    /// read also stands in as the static token, without which the library rejects a user that has no other credentials.
    /// </summary>
    private static TokenFileProvider? TokenFileOf(K8SConfiguration kubeConfig, TokenFileUsers? tokenFiles, string contextName)
    {
        var userName = kubeConfig.Contexts.First(c => c.Name == contextName).ContextDetails?.User;
        // Matched as the library matches users: ignoring case.
        var user = kubeConfig.Users?.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.OrdinalIgnoreCase));
        var file = tokenFiles?.Users?.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.OrdinalIgnoreCase))?.User?.TokenFile;
        if (user?.UserCredentials is not { } credentials || string.IsNullOrWhiteSpace(file) || !string.IsNullOrWhiteSpace(credentials.Token))
        {
            return null;
        }

        // Relative to the kubeconfig, as client-go resolves it.
        var fullPath = Path.Combine(Path.GetDirectoryName(kubeConfig.FileName)!, file);
        try
        {
            var provider = new TokenFileProvider(fullPath, TimeProvider.System);
            credentials.Token = provider.Token;
            return provider;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new KubeConfigException($"Kubeconfig '{kubeConfig.FileName}': user '{userName}' has tokenFile '{fullPath}', which cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The first file of <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public static string DefaultKubeConfigPath()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = variable?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    // The part of a kubeconfig's users that KubeConfigModels.UserCredentials lacks.
    private sealed class TokenFileUsers
    {
        public List<TokenFileUser>? Users { get; set; }
    }

    private sealed class TokenFileUser
    {
        public string? Name { get; set; }

        public TokenFileCredentials? User { get; set; }
    }

    private sealed class TokenFileCredentials
    {
        public string? TokenFile { get; set; }
    }
}
