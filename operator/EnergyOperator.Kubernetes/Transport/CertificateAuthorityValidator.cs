using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>Validates the server certificate against the cluster's own CA rather than the system store.</summary>
internal static class CertificateAuthorityValidator
{
    public static bool Validate(X509Certificate2 serverCertificate, X509Chain? presentedChain, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        // Only chain trust is re-decided here; a wrong host name or a missing certificate stays fatal.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(serverCertificate);
    }
}
