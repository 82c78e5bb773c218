using YamlDotNet.Serialization;

namespace EnergyOperator.Kubernetes.Configuration;

/// <summary>The kubeconfig YAML schema, the fields this client honours.</summary>
internal sealed class KubeConfigDocument
{
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    public List<NamedEntry<KubeConfigCluster>>? Clusters { get; set; }
    public List<NamedEntry<KubeConfigContext>>? Contexts { get; set; }
    public List<NamedEntry<KubeConfigUser>>? Users { get; set; }
}

internal sealed class NamedEntry<T>
{
    public string? Name { get; set; }

    // The field is named after its kind in each list ("cluster", "context", "user"); one of them is set.
    public T? Cluster { get; set; }
    public T? Context { get; set; }
    public T? User { get; set; }

    public T? Value => Cluster ?? Context ?? User;
}

internal sealed class KubeConfigCluster
{
    public string? Server { get; set; }

    [YamlMember(Alias = "certificate-authority")]
    public string? CertificateAuthority { get; set; }

    [YamlMember(Alias = "certificate-authority-data")]
    public string? CertificateAuthorityData { get; set; }

    [YamlMember(Alias = "insecure-skip-tls-verify")]
    public bool InsecureSkipTlsVerify { get; set; }
}

internal sealed class KubeConfigContext
{
    public string? Cluster { get; set; }
    public string? User { get; set; }
    public string? Namespace { get; set; }
}

internal sealed class KubeConfigUser
{
    public string? Token { get; set; }
    public string? TokenFile { get; set; }

    [YamlMember(Alias = "client-certificate")]
    public string? ClientCertificate { get; set; }

    [YamlMember(Alias = "client-certificate-data")]
    public string? ClientCertificateData { get; set; }

    [YamlMember(Alias = "client-key")]
    public string? ClientKey { get; set; }

    [YamlMember(Alias = "client-key-data")]
    public string? ClientKeyData { get; set; }

    public object? Exec { get; set; }

    [YamlMember(Alias = "auth-provider")]
    public object? AuthProvider { get; set; }
}
