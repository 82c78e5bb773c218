using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Kubernetes.Testing.Faults;
using EnergyOperator.Kubernetes.Testing.Selectors;
using EnergyOperator.Kubernetes.Testing.Store;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace EnergyOperator.Kubernetes.Testing.Http;

/// <summary>Maps REST verbs on resource URLs to the store, and errors to <c>Status</c> bodies.</summary>
internal sealed class ApiRequestHandler(ApiServerDouble server)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = new ApiRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "");
        server.Record(request);
        try
        {
            if (server.RequiredToken is { } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
            {
                throw new ApiError(401, "Unauthorized", "Unauthorized");
            }

            if (server.Faults.TryTake(request) is var (code, retryAfter))
            {
                if (retryAfter is { } delay)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var reason = code switch
                {
                    409 => "Conflict",
                    410 => "Expired",
                    429 => "TooManyRequests",
                    _ => "InternalError",
                };
                throw new ApiError(code, reason, $"injected fault {code}");
            }

            await DispatchAsync(context, request).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            await WriteAsync(context, error.Code, error.ToStatus()).ConfigureAwait(false);
        }
        catch (SelectorException e)
        {
            await WriteAsync(context, 400, ApiError.BadRequest(e.Message).ToStatus()).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await WriteAsync(context, 400, ApiError.BadRequest($"the body is not valid JSON: {e.Message}").ToStatus()).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(HttpContext context, ApiRequest request)
    {
        var route = ApiRoute.Parse(request.Path) ?? throw NotFound();
        var kind = server.Store.FindKind(route.Group, route.Version, route.Plural) ?? throw NotFound();
        if (kind.Namespaced != (route.Namespace is not null) && route.Name is not null)
        {
            throw NotFound();
        }

        var statusOnly = route.Subresource switch
        {
            null => false,
            "status" => true,
            _ => throw NotFound(),
        };
        var store = server.Store;
        var query = context.Request.Query;

        switch (context.Request.Method, route.Name)
        {
            case ("GET", null) when request.IsWatch:
                await WatchAsync(context, kind, route.Namespace).ConfigureAwait(false);
                break;
            case ("GET", null):
                var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : (int?)null;
                var (items, version, next) = store.ListPage(
                    kind, route.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]), limit, query["continue"]);
                await WriteAsync(context, 200, new JsonObject
                {
                    ["kind"] = kind.Kind + "List",
                    ["apiVersion"] = kind.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture), ["continue"] = next },
                    ["items"] = new JsonArray([.. items]),
                }).ConfigureAwait(false);
                break;
            case ("GET", { } name):
                await WriteAsync(context, 200, store.Get(kind, route.Namespace, name) ?? throw ApiError.NotFound(kind, name)).ConfigureAwait(false);
                break;
            case ("POST", null):
                await WriteAsync(context, 201, store.Create(kind, route.Namespace, await ReadObjectAsync(context).ConfigureAwait(false))).ConfigureAwait(false);
                break;
            case ("PUT", { } name):
                await WriteAsync(context, 200, store.Replace(kind, route.Namespace, name, await ReadObjectAsync(context).ConfigureAwait(false), statusOnly)).ConfigureAwait(false);
                break;
            case ("PATCH", { } name):
                var body = await ReadBodyAsync(context).ConfigureAwait(false);
                var mediaType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
                await WriteAsync(context, 200, store.Patch(kind, route.Namespace, name, mediaType, body, statusOnly)).ConfigureAwait(false);
                break;
            case ("DELETE", { } name):
                var options = await ReadDeleteOptionsAsync(context).ConfigureAwait(false);
                await WriteAsync(context, 200, store.Delete(kind, route.Namespace, name, options.Propagation ?? PropagationPolicy.Background, options.Preconditions)).ConfigureAwait(false);
                break;
            default:
                throw new ApiError(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private async Task WatchAsync(HttpContext context, ResourceKind kind, string? @namespace)
    {
        var query = context.Request.Query;
        var subscription = server.Store.Watch(
            kind,
            @namespace,
            LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"]),
            query["resourceVersion"],
            query["allowWatchBookmarks"] == "true");

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (!server.Faults.IgnoreWatchTimeouts
            && int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var timeoutSeconds) && timeoutSeconds > 0)
        {
            lifetime.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        }

        using var cut = server.Faults.WatchCut() is { } cutAfter ? new Timer(_ => subscription.Close(abort: true), null, cutAfter, Timeout.InfiniteTimeSpan) : null;
        var lag = server.Faults.WatchLag(kind);
        try
        {
            await foreach (var line in subscription.Lines.ReadAllAsync(lifetime.Token).ConfigureAwait(false))
            {
                if (line.PublishedAt + lag - TimeProvider.System.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, lifetime.Token).ConfigureAwait(false);
                }

                await context.Response.WriteAsync(line.Text + "\n", lifetime.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch's timeout elapsed or the client went away: both end the stream.
        }
        finally
        {
            server.Store.Unsubscribe(subscription);
        }

        if (subscription.Aborted)
        {
            context.Abort();
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        JsonNode.Parse(await ReadBodyAsync(context).ConfigureAwait(false)) as JsonObject
        ?? throw ApiError.BadRequest("the body must be a JSON object");

    private static async Task<(PropagationPolicy? Propagation, V1Preconditions? Preconditions)> ReadDeleteOptionsAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var options = body.Length == 0 ? null : KubernetesJson.Deserialize<V1DeleteOptions>(body);
        // The query parameter wins over the body, as on a real API server.
        var policy = context.Request.Query["propagationPolicy"].FirstOrDefault() ?? options?.PropagationPolicy;
        if (policy is not null && !Enum.TryParse<PropagationPolicy>(policy, out _))
        {
            throw ApiError.BadRequest($"unsupported propagationPolicy \"{policy}\"");
        }

        return (policy is null ? null : Enum.Parse<PropagationPolicy>(policy), options?.Preconditions);
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, JsonObject body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static ApiError NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
