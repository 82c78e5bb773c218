using System.Net;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>
/// Retries 429 for any verb (the server did not act on it) after its <c>Retry-After</c>, capped, and 500/502/503/504 or
/// connection failures only for idempotent verbs, where a repeat cannot apply a change twice. The library retries nothing.
/// It sees a watch only up to its response headers: a stream that breaks later is the informer's to resume.
/// </summary>
internal sealed class RetryHandler(KubernetesClientOptions options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var idempotent = IsIdempotent(request.Method);
        for (var attempt = 0; ; attempt++)
        {
            var canRetry = attempt < options.MaxRetries;
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (idempotent && canRetry && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (idempotent && IsServerError(response.StatusCode));
            if (!retryable || !canRetry)
            {
                return response;
            }

            var delay = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            await Task.Delay(Min(delay, options.MaxRetryDelay), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

    private static bool IsServerError(HttpStatusCode code) =>
        code is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Exponential with jitter (half to full delay), so that clients failing together do not retry together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Min(options.RetryBaseDelay * Math.Pow(2, attempt), options.MaxRetryDelay);
        return ceiling * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
