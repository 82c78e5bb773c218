using System.Net.Http.Headers;
using System.Text.Json;
using EnergyOperator.Kubernetes.Configuration;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Serialization;
using EnergyOperator.Kubernetes.Transport;

namespace EnergyOperator.Kubernetes;

/// <summary>
/// One connection to an API server (auth, TLS, rate limit, retries), shared by the typed clients it hands out.
/// Thread-safe; create one per process.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly KubernetesClientOptions _options;

    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new KubernetesClientOptions();
        _options.Validate();
        Configuration = configuration;
        _http = HttpPipeline.Create(configuration, _options, timeProvider ?? TimeProvider.System);
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>Objects of a namespaced kind in <paramref name="namespace"/>.</summary>
    public ResourceClient<T> Namespaced<T>(ResourceDescriptor<T> descriptor, string @namespace)
    {
        if (!descriptor.Namespaced)
        {
            throw new ArgumentException($"{descriptor.Kind} is cluster-scoped; use All().", nameof(descriptor));
        }

        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        return new ResourceClient<T>(this, descriptor, @namespace);
    }

    /// <summary>Objects of a namespaced kind in the configuration's namespace.</summary>
    public ResourceClient<T> DefaultNamespaced<T>(ResourceDescriptor<T> descriptor) => Namespaced(descriptor, Configuration.Namespace);

    /// <summary>A cluster-scoped kind, or a namespaced kind across all namespaces (list and watch only).</summary>
    public ResourceClient<T> All<T>(ResourceDescriptor<T> descriptor) => new(this, descriptor, null);

    public void Dispose() => _http.Dispose();

    /// <summary>Sends and maps any non-success answer to <see cref="KubernetesApiException"/>; the caller owns the response.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, bool streaming, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // The request timeout bounds the wait for headers only; a watch stream then lives until its own timeoutSeconds.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {pathAndQuery} got no response within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }

        if (response.IsSuccessStatusCode)
        {
            if (!streaming)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }

            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw KubernetesApiException.FromResponse(response.StatusCode, TryParseStatus(body), body);
        }
    }

    private static Models.Status? TryParseStatus(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.Status);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
