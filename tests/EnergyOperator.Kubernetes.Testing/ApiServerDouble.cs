using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Schema;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing.Faults;
using EnergyOperator.Kubernetes.Testing.Http;
using EnergyOperator.Kubernetes.Testing.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EnergyOperator.Kubernetes.Testing;

/// <summary>
/// An in-process Kubernetes API server on loopback (real Kestrel, so clients exercise real HTTP and chunked watches),
/// with the semantics an operator relies on and switches to make it fail.
/// </summary>
public sealed class ApiServerDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ITimer _bookmarks;
    private readonly ConcurrentQueue<ApiRequest> _requests = new();

    private ApiServerDouble(WebApplication app, ApiServerDoubleOptions options)
    {
        _app = app;
        Store = new ObjectStore(options.HistoryCapacity, options.TimeProvider);
        Faults = new FaultInjector(Store);
        _bookmarks = TimeProvider.System.CreateTimer(_ => Store.SendBookmarks(), null, options.BookmarkInterval, options.BookmarkInterval);
        if (options.RegisterDefaultKinds)
        {
            Register(ResourceKind.From(KubernetesResources.Pods, hasStatusSubresource: true));
            Register(ResourceKind.From(KubernetesResources.Events, hasStatusSubresource: false));
            Register(ResourceKind.From(KubernetesResources.Leases, hasStatusSubresource: false));
            var schema = options.ValidateCustomResources ? EnergyBenchmarkSchema() : null;
            Register(ResourceKind.From(KubernetesResources.EnergyBenchmarks, hasStatusSubresource: true, schema));
        }
    }

    /// <summary>The generated CRD's <c>openAPIV3Schema</c>: what a cluster with the CRD installed validates benchmarks against.</summary>
    public static JsonObject EnergyBenchmarkSchema() =>
        EnergyBenchmarkCrd.ToJson()["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    /// <summary>The server's address, <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public ObjectStore Store { get; }

    public FaultInjector Faults { get; }

    /// <summary>When set, requests without <c>Authorization: Bearer {token}</c> get 401. Null accepts anything.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<ApiRequest> Requests => _requests.ToArray();

    public static async Task<ApiServerDouble> StartAsync(ApiServerDoubleOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ApiServerDouble(app, options ?? new ApiServerDoubleOptions());
        var handler = new ApiRequestHandler(server);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public void Register(ResourceKind kind) => Store.Register(kind);

    /// <summary>A configuration pointing at this server, with <paramref name="token"/> as the bearer token.</summary>
    public k8s.KubernetesClientConfiguration ClientConfiguration(string @namespace = "default", string? token = "test-token") =>
        new() { Host = BaseAddress.ToString(), Namespace = @namespace, AccessToken = token };

    /// <summary>Writes a kubeconfig pointing at this server, for real binaries (energyctl, the operator) run as processes.</summary>
    /// <param name="user">The user's credentials as a YAML flow mapping; null takes <c>{ token: <paramref name="token"/> }</c>.</param>
    public async Task<string> WriteKubeConfigAsync(string path, string @namespace = "default", string token = "test-token", string? user = null)
    {
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            current-context: double
            clusters:
            - name: double
              cluster:
                server: {BaseAddress}
            users:
            - name: tester
              user: {user ?? $"{{ token: {token} }}"}
            contexts:
            - name: double
              context:
                cluster: double
                user: tester
                namespace: {@namespace}
            """);
        return path;
    }

    /// <summary>The stored object, typed; null when absent.</summary>
    public T? Get<T>(ResourceDescriptor<T> descriptor, string? @namespace, string name) =>
        Store.Get(KindOf(descriptor), @namespace, name) is { } item ? item.Deserialize(descriptor.TypeInfo) : default;

    /// <summary>The stored objects of a kind, typed, in one namespace or (null) all.</summary>
    public IReadOnlyList<T> List<T>(ResourceDescriptor<T> descriptor, string? @namespace = null) =>
        Store.List(KindOf(descriptor), @namespace).Select(item => item.Deserialize(descriptor.TypeInfo)!).ToList();

    /// <summary>Creates an object directly in the store (as a POST would), e.g. to seed a test or play the kubelet.</summary>
    public T Create<T>(ResourceDescriptor<T> descriptor, T item)
    {
        var json = (JsonObject)JsonSerializer.SerializeToNode(item, descriptor.TypeInfo)!;
        var @namespace = descriptor.Namespaced ? descriptor.Metadata(item).NamespaceProperty ?? "default" : null;
        return Store.Create(KindOf(descriptor), @namespace, json).Deserialize(descriptor.TypeInfo)!;
    }

    /// <summary>
    /// Stores raw JSON without schema admission, as a cluster did before its CRD had today's bounds: see
    /// <see cref="ObjectStore.CreateBypassingSchemaAdmission"/>. The namespace is the item's, "default" when it has none.
    /// </summary>
    public JsonObject CreateBypassingSchemaAdmission<T>(ResourceDescriptor<T> descriptor, JsonObject item)
    {
        var @namespace = descriptor.Namespaced ? item["metadata"]?["namespace"]?.GetValue<string>() ?? "default" : null;
        return Store.CreateBypassingSchemaAdmission(KindOf(descriptor), @namespace, item);
    }

    /// <summary>Sends a BOOKMARK to every watch that allowed them now, rather than at the next interval.</summary>
    public void SendBookmarks() => Store.SendBookmarks();

    public ResourceKind KindOf<T>(ResourceDescriptor<T> descriptor) =>
        Store.FindKind(descriptor.Group, descriptor.Version, descriptor.Plural)
        ?? throw new InvalidOperationException($"{descriptor.Plural}.{descriptor.Group}/{descriptor.Version} is not registered with the double; call Register().");

    public async ValueTask DisposeAsync()
    {
        await _bookmarks.DisposeAsync().ConfigureAwait(false);
        Store.CloseWatches(abort: false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal void Record(ApiRequest request) => _requests.Enqueue(request);
}
