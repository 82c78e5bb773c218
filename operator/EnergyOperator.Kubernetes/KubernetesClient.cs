using System.Net.Http.Headers;
using System.Text.Json;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Transport;
using k8s;
using k8s.Models;

namespace EnergyOperator.Kubernetes;

/// <summary>
/// One connection to an API server, shared by the typed clients it hands out: the library's <see cref="k8s.Kubernetes"/>
/// (kubeconfig, in-cluster, exec and auth-provider credentials, TLS) with our retry and rate limit beneath it.
/// Thread-safe; create one per process.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly k8s.Kubernetes _kubernetes;
    private readonly KubernetesClientOptions _options;
    private readonly string _server;

    /// <param name="configuration">
    /// From <see cref="k8s.KubernetesClientConfiguration.BuildDefaultConfig"/>, <see cref="k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(string, string, string, bool)"/>
    /// or <see cref="k8s.KubernetesClientConfiguration.InClusterConfig"/>.
    /// </param>
    public KubernetesClient(k8s.KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _options = options ?? new KubernetesClientOptions();
        _options.Validate();
        _kubernetes = new k8s.Kubernetes(configuration, HttpPipeline.Handlers(configuration, _options, timeProvider ?? TimeProvider.System));
        // Kept without a trailing slash so that a server behind a path prefix (a proxy's /k8s/clusters/x) keeps it.
        _server = _kubernetes.BaseUri.ToString().TrimEnd('/');
        Server = _kubernetes.BaseUri;
        DefaultNamespace = string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace;
    }

    /// <summary>The API server's address.</summary>
    public Uri Server { get; }

    /// <summary>The namespace of the kubeconfig's context or of the pod's service account; <c>default</c> when neither names one.</summary>
    public string DefaultNamespace { get; }

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
    public ResourceClient<T> DefaultNamespaced<T>(ResourceDescriptor<T> descriptor) => Namespaced(descriptor, DefaultNamespace);

    /// <summary>A cluster-scoped kind, or a namespaced kind across all namespaces (list and watch only).</summary>
    public ResourceClient<T> All<T>(ResourceDescriptor<T> descriptor) => new(this, descriptor, null);

    public void Dispose() => _kubernetes.Dispose();

    /// <summary>Sends and maps any non-success answer to <see cref="KubernetesApiException"/>; the caller owns the response.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, bool streaming, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _server + pathAndQuery) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);

        // The request timeout bounds the wait for headers only; a watch stream then lives until its own timeoutSeconds.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _kubernetes.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
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

    private static V1Status? TryParseStatus(string body)
    {
        try
        {
            return body.Length == 0 ? null : KubernetesJson.Deserialize<V1Status>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
