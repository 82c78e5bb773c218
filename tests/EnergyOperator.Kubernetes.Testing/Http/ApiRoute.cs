namespace EnergyOperator.Kubernetes.Testing.Http;

/// <summary>
/// A parsed resource URL: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/status]]</c>
/// or <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/status]]</c>.
/// </summary>
internal sealed record ApiRoute(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    public static ApiRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        string[] rest;
        switch (segments)
        {
            case ["api", var coreVersion, .. var coreRest]:
                (group, version, rest) = ("", coreVersion, coreRest);
                break;
            case ["apis", var apiGroup, var apiVersion, .. var apiRest]:
                (group, version, rest) = (apiGroup, apiVersion, apiRest);
                break;
            default:
                return null;
        }

        string? @namespace = null;
        if (rest is ["namespaces", var ns, _, ..])
        {
            @namespace = ns;
            rest = rest[2..];
        }

        return rest switch
        {
            [var plural] => new ApiRoute(group, version, @namespace, plural, null, null),
            [var plural, var name] => new ApiRoute(group, version, @namespace, plural, name, null),
            [var plural, var name, var subresource] => new ApiRoute(group, version, @namespace, plural, name, subresource),
            _ => null,
        };
    }
}
