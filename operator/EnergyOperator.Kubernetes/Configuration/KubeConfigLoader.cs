using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace EnergyOperator.Kubernetes.Configuration;

internal static class KubeConfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The first file of <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public static string DefaultPath()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = variable?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    public static KubernetesClientConfiguration Load(string path, string? context)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Cannot read kubeconfig '{path}': {e.Message}", e);
        }

        return Parse(yaml, path, context);
    }

    /// <summary>Relative file references resolve against the kubeconfig's directory, as kubectl does.</summary>
    public static KubernetesClientConfiguration Parse(string yaml, string path, string? contextName)
    {
        KubeConfigDocument document;
        try
        {
            document = Deserializer.Deserialize<KubeConfigDocument?>(yaml) ?? new KubeConfigDocument();
        }
        catch (YamlException e)
        {
            throw new KubeConfigException($"Kubeconfig '{path}' is not valid YAML (line {e.Start.Line}): {e.InnerException?.Message ?? e.Message}", e);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var name = contextName ?? document.CurrentContext;
        if (string.IsNullOrEmpty(name))
        {
            throw new KubeConfigException($"Kubeconfig '{path}' has no current-context; pass a context name or run 'kubectl config use-context <name>'.");
        }

        var context = Find(document.Contexts, name, "context", path);
        if (string.IsNullOrEmpty(context.Cluster))
        {
            throw new KubeConfigException($"Kubeconfig '{path}': context '{name}' names no cluster.");
        }

        var cluster = Find(document.Clusters, context.Cluster, "cluster", path);
        var user = string.IsNullOrEmpty(context.User) ? new KubeConfigUser() : Find(document.Users, context.User, "user", path);

        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
        {
            throw new KubeConfigException($"Kubeconfig '{path}': cluster '{context.Cluster}' has no valid server URL (got '{cluster.Server}').");
        }

        if (user.Exec is not null || user.AuthProvider is not null)
        {
            throw new KubeConfigException(
                $"Kubeconfig '{path}': user '{context.User}' authenticates with an {(user.Exec is not null ? "exec" : "auth-provider")} plugin, which energyctl does not run. " +
                "Give the user a bearer token instead (e.g. 'kubectl create token <service-account>' into 'token:'), or a client certificate.");
        }

        return new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace,
            SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            CertificateAuthority = LoadCertificateAuthority(cluster, context.Cluster, baseDirectory, path),
            ClientCertificate = LoadClientCertificate(user, context.User!, baseDirectory, path),
            Token = string.IsNullOrEmpty(user.Token) ? null : user.Token,
            TokenFile = string.IsNullOrEmpty(user.TokenFile) ? null : Path.Combine(baseDirectory, user.TokenFile),
        };
    }

    private static T Find<T>(List<NamedEntry<T>>? entries, string name, string what, string path)
        where T : class =>
        entries?.FirstOrDefault(e => e.Name == name)?.Value
        ?? throw new KubeConfigException(
            $"Kubeconfig '{path}' has no {what} named '{name}'" +
            (entries is { Count: > 0 } ? $" (it has: {string.Join(", ", entries.Select(e => e.Name))})." : "."));

    private static X509Certificate2Collection? LoadCertificateAuthority(KubeConfigCluster cluster, string clusterName, string baseDirectory, string path)
    {
        var pem = ReadPem(cluster.CertificateAuthorityData, cluster.CertificateAuthority, baseDirectory, $"cluster '{clusterName}' certificate-authority", path);
        if (pem is null)
        {
            return null;
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"Kubeconfig '{path}': cluster '{clusterName}' certificate-authority is not a PEM certificate: {e.Message}", e);
        }

        return certificates.Count > 0
            ? certificates
            : throw new KubeConfigException($"Kubeconfig '{path}': cluster '{clusterName}' certificate-authority holds no PEM certificate.");
    }

    private static X509Certificate2? LoadClientCertificate(KubeConfigUser user, string userName, string baseDirectory, string path)
    {
        var certificate = ReadPem(user.ClientCertificateData, user.ClientCertificate, baseDirectory, $"user '{userName}' client-certificate", path);
        var key = ReadPem(user.ClientKeyData, user.ClientKey, baseDirectory, $"user '{userName}' client-key", path);
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            throw new KubeConfigException($"Kubeconfig '{path}': user '{userName}' needs both client-certificate and client-key (one is missing).");
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"Kubeconfig '{path}': user '{userName}' client certificate or key is not valid PEM: {e.Message}", e);
        }
    }

    /// <summary>The <c>-data</c> form (base64 PEM) wins over the file form, as in client-go.</summary>
    private static string? ReadPem(string? base64, string? file, string baseDirectory, string field, string path)
    {
        if (!string.IsNullOrEmpty(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException e)
            {
                throw new KubeConfigException($"Kubeconfig '{path}': {field}-data is not base64.", e);
            }
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var fullPath = Path.Combine(baseDirectory, file);
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Kubeconfig '{path}': cannot read {field} file '{fullPath}': {e.Message}", e);
        }
    }
}
