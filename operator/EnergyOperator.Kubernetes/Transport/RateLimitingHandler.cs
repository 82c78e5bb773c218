namespace EnergyOperator.Kubernetes.Transport;

/// <summary>Client-side QPS/burst limit, applied to every attempt so that retries are paced too.</summary>
internal sealed class RateLimitingHandler(TokenBucket bucket) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await bucket.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
