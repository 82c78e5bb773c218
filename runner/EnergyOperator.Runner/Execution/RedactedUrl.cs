namespace EnergyOperator.Runner.Execution;

/// <summary>
/// A URL as errors may show it: user information and the query (where tokens and signatures travel) replaced by <c>***</c>.
/// Errors reach the benchmark's status, events and logs, which more people read than the manifest's author.
/// </summary>
internal static class RedactedUrl
{
    public static string Of(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var at = url.IndexOf('@', StringComparison.Ordinal);
            return at < 0 ? url : "***" + url[at..];
        }

        var userInfo = uri.UserInfo.Length > 0 ? "***@" : "";
        var query = uri.Query.Length > 0 ? "?***" : "";
        return $"{uri.Scheme}://{userInfo}{uri.Authority}{uri.AbsolutePath}{query}";
    }
}
