using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EnergyOperator.Kubernetes.Configuration;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>Builds the handler chain: retry → rate limit → authentication → sockets (TLS per the configuration).</summary>
internal static class HttpPipeline
{
    public static HttpClient Create(KubernetesClientConfiguration configuration, KubernetesClientOptions options, TimeProvider time)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = configuration.ClientCertificate is { } certificate ? [certificate] : null,
                RemoteCertificateValidationCallback = CreateValidator(configuration),
            },
        };

        ITokenSource tokens = configuration.TokenFile is { } file
            ? new FileTokenSource(file, options.TokenRefreshInterval, time)
            : new StaticTokenSource(configuration.Token);

        HttpMessageHandler handler = new AuthenticationHandler(tokens) { InnerHandler = sockets };
        if (options.Qps > 0)
        {
            handler = new RateLimitingHandler(new TokenBucket(options.Qps, options.Burst, time)) { InnerHandler = handler };
        }

        handler = new RetryHandler(options, time) { InnerHandler = handler };
        var client = new HttpClient(handler) { BaseAddress = configuration.Server, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        return client;
    }

    private static RemoteCertificateValidationCallback? CreateValidator(KubernetesClientConfiguration configuration)
    {
        if (configuration.SkipTlsVerify)
        {
            return static (_, _, _, _) => true;
        }

        if (configuration.CertificateAuthority is not { Count: > 0 } roots)
        {
            return null;
        }

        return (_, certificate, chain, errors) =>
            certificate is X509Certificate2 server && CertificateAuthorityValidator.Validate(server, chain, errors, roots);
    }
}
