using k8s.Authentication;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>
/// Applies the library's credentials (static token, token file, exec plugin, OIDC, auth-provider) to every attempt,
/// so that a retry after a token expired carries the refreshed one.
/// </summary>
internal sealed class AuthenticationHandler(ServiceClientCredentials? credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (credentials is not null)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
