namespace EnergyOperator.Kubernetes.Testing.Faults;

/// <summary>A request as the double received it, for fault predicates and for asserting what a client sent.</summary>
/// <param name="Query">The raw query string, with its leading <c>?</c> (empty when none).</param>
public sealed record ApiRequest(string Method, string Path, string Query)
{
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);

    /// <summary>
    /// What RBAC would check for this request: API group, resource (with <c>/subresource</c>) and verb, derived from the path
    /// and method as the API server's request-info resolver does.
    /// </summary>
    public (string Group, string Resource, string Verb) Authorization()
    {
        // /api/v1/[namespaces/{ns}/]{resource}[/{name}[/{sub}]] or /apis/{group}/{version}/[namespaces/{ns}/]{resource}[/{name}[/{sub}]]
        var segments = Path.Trim('/').Split('/');
        var (group, rest) = segments[0] == "api" ? ("", segments[2..]) : (segments[1], segments[3..]);
        if (rest.Length >= 2 && rest[0] == "namespaces" && rest.Length > 2)
        {
            rest = rest[2..];
        }

        var resource = rest.Length >= 3 ? $"{rest[0]}/{rest[2]}" : rest[0];
        var named = rest.Length >= 2;
        var verb = Method switch
        {
            "GET" when IsWatch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => Method.ToLowerInvariant(),
        };
        return (group, resource, verb);
    }
}
