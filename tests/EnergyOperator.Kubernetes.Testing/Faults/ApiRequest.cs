namespace EnergyOperator.Kubernetes.Testing.Faults;

/// <summary>A request as the double received it, for fault predicates and for asserting what a client sent.</summary>
/// <param name="Query">The raw query string, with its leading <c>?</c> (empty when none).</param>
public sealed record ApiRequest(string Method, string Path, string Query)
{
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);
}
