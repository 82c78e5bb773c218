namespace EnergyOperator.Kubernetes.Transport;

/// <summary>
/// Our handlers for <c>new k8s.Kubernetes(configuration, handlers)</c>, outermost first: retry → rate limit → credentials.
/// The library adds TLS (the cluster's CA, client certificates) beneath them.
/// </summary>
internal static class HttpPipeline
{
    public static DelegatingHandler[] Handlers(k8s.KubernetesClientConfiguration configuration, KubernetesClientOptions options, TimeProvider time)
    {
        List<DelegatingHandler> handlers = [new RetryHandler(options, time)];
        if (options.Qps > 0)
        {
            handlers.Add(new RateLimitingHandler(new TokenBucket(options.Qps, options.Burst, time)));
        }

        handlers.Add(new AuthenticationHandler(k8s.Kubernetes.CreateCredentials(configuration)));
        return [.. handlers];
    }
}
