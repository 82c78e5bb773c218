using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EnergyOperator.Kubernetes.Transport;

namespace EnergyOperator.Kubernetes.Tests.Client;

public sealed class CertificateAuthorityValidatorTests
{
    [Fact]
    public void Validate_ServerSignedByTheClusterCa_IsTrusted()
    {
        using var ca = CreateCa("CN=cluster-ca");
        using var server = CreateServer(ca);

        Assert.True(CertificateAuthorityValidator.Validate(server, null, SslPolicyErrors.RemoteCertificateChainErrors, [ca]));
    }

    [Fact]
    public void Validate_ServerSignedByAnotherCa_IsRejected()
    {
        using var ca = CreateCa("CN=cluster-ca");
        using var other = CreateCa("CN=other-ca");
        using var server = CreateServer(ca);

        Assert.False(CertificateAuthorityValidator.Validate(server, null, SslPolicyErrors.RemoteCertificateChainErrors, [other]));
    }

    [Fact]
    public void Validate_NameMismatch_StaysFatal()
    {
        using var ca = CreateCa("CN=cluster-ca");
        using var server = CreateServer(ca);

        Assert.False(CertificateAuthorityValidator.Validate(server, null, SslPolicyErrors.RemoteCertificateNameMismatch, [ca]));
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 CreateServer(X509Certificate2 ca)
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);
    }
}
