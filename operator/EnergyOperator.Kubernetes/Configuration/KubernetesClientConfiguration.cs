using System.Security.Cryptography.X509Certificates;

namespace EnergyOperator.Kubernetes.Configuration;

/// <summary>Where the API server is and how to authenticate to it; built from a kubeconfig or from the pod's service account.</summary>
public sealed record KubernetesClientConfiguration
{
    public required Uri Server { get; init; }

    /// <summary>The namespace of <see cref="KubernetesClient.DefaultNamespaced{T}"/>.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Roots trusted for the server certificate instead of the system store; null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthority { get; init; }

    public bool SkipTlsVerify { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A fixed bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding the bearer token, re-read periodically because bound service-account tokens rotate.</summary>
    public string? TokenFile { get; init; }

    /// <summary>
    /// The kubeconfig named by <c>KUBECONFIG</c> (its first file) or <c>~/.kube/config</c> when present,
    /// otherwise the in-cluster service account when running in a pod.
    /// </summary>
    public static KubernetesClientConfiguration Load(string? context = null)
    {
        var path = KubeConfigLoader.DefaultPath();
        if (File.Exists(path))
        {
            return KubeConfigLoader.Load(path, context);
        }

        if (InClusterConfigLoader.IsInCluster(Environment.GetEnvironmentVariable))
        {
            return InCluster();
        }

        throw new KubeConfigException(
            $"No cluster configuration: '{path}' does not exist and this is not a pod (KUBERNETES_SERVICE_HOST is unset). " +
            "Set KUBECONFIG or create ~/.kube/config (e.g. with 'kind create cluster').");
    }

    /// <summary>A kubeconfig file: <paramref name="path"/> or the default, with <paramref name="context"/> or its current-context.</summary>
    public static KubernetesClientConfiguration FromKubeConfig(string? path = null, string? context = null) =>
        KubeConfigLoader.Load(path ?? KubeConfigLoader.DefaultPath(), context);

    /// <summary>The pod's service account; <paramref name="serviceAccountDirectory"/> overrides the mounted secret's path.</summary>
    public static KubernetesClientConfiguration InCluster(string? serviceAccountDirectory = null) =>
        InClusterConfigLoader.Load(serviceAccountDirectory ?? InClusterConfigLoader.DefaultServiceAccountDirectory, Environment.GetEnvironmentVariable);
}
