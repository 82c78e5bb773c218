using System.Text;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>Builds <c>?a=b&amp;c=d</c>, skipping unset parameters.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _query.Append(_query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public override string ToString() => _query.ToString();
}
