using System.Net;
using System.Net.Http.Headers;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>Adds the bearer token; on 401 re-reads it once and resends if it changed, otherwise lets the 401 through.</summary>
internal sealed class AuthenticationHandler(ITokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        SetToken(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !tokens.CanRefresh)
        {
            return response;
        }

        var fresh = await tokens.GetTokenAsync(refresh: true, cancellationToken).ConfigureAwait(false);
        if (fresh == token)
        {
            return response;
        }

        response.Dispose();
        SetToken(request, fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void SetToken(HttpRequestMessage request, string? token) =>
        request.Headers.Authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
}
