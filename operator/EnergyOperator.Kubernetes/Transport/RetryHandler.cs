using System.Net;
using Polly;
using Polly.Retry;

namespace EnergyOperator.Kubernetes.Transport;

/// <summary>
/// Retries (Polly) 429 for any verb (the server did not act on it) after its <c>Retry-After</c>, capped, and 500/502/503/504
/// or connection failures only for idempotent verbs, where a repeat cannot apply a change twice; exponential backoff with
/// jitter otherwise. The library retries nothing. It sees a watch only up to its response headers: a stream that breaks
/// later is the informer's to resume.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<bool> Idempotent = new("energy.idempotent");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public RetryHandler(KubernetesClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryDelay, time)),
                // The retried answer is dropped: its connection goes back to the pool.
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Idempotent, IsIdempotent(request.Method));
        try
        {
            return await _pipeline.ExecuteAsync(
                async (context, request) => await base.SendAsync(request, context.CancellationToken).ConfigureAwait(false), context, request).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var idempotent = context.Properties.GetValue(Idempotent, false);
        return outcome switch
        {
            { Exception: HttpRequestException } => idempotent && !context.CancellationToken.IsCancellationRequested,
            { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
            { Result: { } response } => idempotent && IsServerError(response.StatusCode),
            _ => false,
        };
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

    private static bool IsServerError(HttpStatusCode code) =>
        code is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The server's <c>Retry-After</c>, at most <paramref name="max"/>; null (the backoff decides) when it sent none.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        TimeSpan? wait = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var until && until > TimeSpan.Zero ? until : TimeSpan.Zero,
            _ => null,
        };
        return wait > max ? max : wait;
    }
}
