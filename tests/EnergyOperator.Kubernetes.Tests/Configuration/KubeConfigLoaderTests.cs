using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EnergyOperator.Kubernetes.Configuration;

namespace EnergyOperator.Kubernetes.Tests.Configuration;

public sealed class KubeConfigLoaderTests
{
    private const string Path = "/home/me/.kube/config";

    [Fact]
    public void Parse_TokenUserAndCurrentContext_ReadsServerTokenAndNamespace()
    {
        var configuration = KubeConfigLoader.Parse(Yaml(user: "    token: abc123", contextNamespace: "bench"), Path, null);

        Assert.Equal(new Uri("https://10.0.0.1:6443"), configuration.Server);
        Assert.Equal("abc123", configuration.Token);
        Assert.Equal("bench", configuration.Namespace);
        Assert.False(configuration.SkipTlsVerify);
        Assert.Null(configuration.CertificateAuthority);
    }

    [Fact]
    public void Parse_NamedContext_SelectsThatContextsCluster()
    {
        var yaml = Yaml(user: "    token: t") + """

            - name: other
              context:
                cluster: second
                user: me
            """;
        yaml = yaml.Replace("clusters:\n", "clusters:\n- name: second\n  cluster:\n    server: https://second:443\n", StringComparison.Ordinal);

        var configuration = KubeConfigLoader.Parse(yaml, Path, "other");

        Assert.Equal(new Uri("https://second:443"), configuration.Server);
        Assert.Equal("default", configuration.Namespace);
    }

    [Fact]
    public void Parse_CertificateData_LoadsCaAndClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=me", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePem = Base64(certificate.ExportCertificatePem());
        var keyPem = Base64(key.ExportPkcs8PrivateKeyPem());

        var configuration = KubeConfigLoader.Parse(
            Yaml(user: $"    client-certificate-data: {certificatePem}\n    client-key-data: {keyPem}", clusterExtra: $"    certificate-authority-data: {certificatePem}"),
            Path,
            null);

        Assert.Equal(certificate.Thumbprint, Assert.Single(configuration.CertificateAuthority!).Thumbprint);
        Assert.True(configuration.ClientCertificate!.HasPrivateKey);
        Assert.Equal("CN=me", configuration.ClientCertificate.Subject);
    }

    [Fact]
    public void Parse_InsecureSkipTlsVerify_IsHonoured()
    {
        var configuration = KubeConfigLoader.Parse(Yaml(user: "    token: t", clusterExtra: "    insecure-skip-tls-verify: true"), Path, null);

        Assert.True(configuration.SkipTlsVerify);
    }

    [Fact]
    public void Parse_TokenFile_ResolvesRelativeToTheKubeconfig()
    {
        var configuration = KubeConfigLoader.Parse(Yaml(user: "    tokenFile: secrets/token"), Path, null);

        Assert.Equal("/home/me/.kube/secrets/token", configuration.TokenFile);
    }

    [Fact]
    public void Parse_MissingContext_NamesItAndTheAvailableOnes()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Parse(Yaml(user: "    token: t"), Path, "prod"));

        Assert.Contains("no context named 'prod'", error.Message);
        Assert.Contains("kind-bench", error.Message);
        Assert.Contains(Path, error.Message);
    }

    [Fact]
    public void Parse_ExecPlugin_IsRejectedWithTheTokenAlternative()
    {
        var yaml = Yaml(user: "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: aws");

        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Parse(yaml, Path, null));

        Assert.Contains("user 'me'", error.Message);
        Assert.Contains("exec", error.Message);
        Assert.Contains("token", error.Message);
    }

    [Fact]
    public void Parse_ClientCertificateWithoutKey_IsAnError()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Parse(Yaml(user: "    client-certificate-data: " + Base64("x")), Path, null));

        Assert.Contains("client-key", error.Message);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Yaml(string user, string contextNamespace = "", string clusterExtra = "") => $"""
        apiVersion: v1
        kind: Config
        current-context: kind-bench
        clusters:
        - name: kind
          cluster:
            server: https://10.0.0.1:6443
        {clusterExtra}
        users:
        - name: me
          user:
        {user}
        contexts:
        - name: kind-bench
          context:
            cluster: kind
            user: me
            namespace: {contextNamespace}
        """;
}
