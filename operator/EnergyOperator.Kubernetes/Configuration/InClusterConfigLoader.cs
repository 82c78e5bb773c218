using System.Security.Cryptography.X509Certificates;

namespace EnergyOperator.Kubernetes.Configuration;

internal static class InClusterConfigLoader
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    private const string HostVariable = "KUBERNETES_SERVICE_HOST";
    private const string PortVariable = "KUBERNETES_SERVICE_PORT";

    public static bool IsInCluster(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment(HostVariable)) && !string.IsNullOrEmpty(environment(PortVariable));

    public static KubernetesClientConfiguration Load(string serviceAccountDirectory, Func<string, string?> environment)
    {
        if (!IsInCluster(environment))
        {
            throw new KubeConfigException(
                $"In-cluster configuration needs {HostVariable} and {PortVariable}, which Kubernetes sets in every pod; outside a cluster use a kubeconfig.");
        }

        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException(
                $"In-cluster configuration: service-account token '{tokenFile}' does not exist; set automountServiceAccountToken: true on the pod.");
        }

        var host = environment(HostVariable)!;
        var server = new UriBuilder(Uri.UriSchemeHttps, host.Contains(':') ? $"[{host}]" : host, int.Parse(environment(PortVariable)!, System.Globalization.CultureInfo.InvariantCulture)).Uri;

        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        var namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        return new KubernetesClientConfiguration
        {
            Server = server,
            TokenFile = tokenFile,
            CertificateAuthority = File.Exists(caFile) ? LoadCertificates(caFile) : null,
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : "default",
        };
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates;
    }
}
