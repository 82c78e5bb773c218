using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnergyOperator.Kubernetes.Testing.Selectors;

/// <summary>Field selectors (<c>metadata.name=x</c>, <c>status.phase!=Running</c>), evaluated against the stored JSON by dotted path.</summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, string Value, bool Negate)> _terms;

    private FieldSelector(IReadOnlyList<(string[] Path, string Value, bool Negate)> terms) => _terms = terms;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector([]);
        }

        return new FieldSelector(text.Split(',', StringSplitOptions.TrimEntries).Select(ParseTerm).ToArray());
    }

    public bool Matches(JsonObject item) => _terms.All(t => (Lookup(item, t.Path) == t.Value) != t.Negate);

    private static (string[] Path, string Value, bool Negate) ParseTerm(string term)
    {
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (term[..at].Trim().Split('.'), term[(at + op.Length)..].Trim(), negate);
            }
        }

        throw new SelectorException($"invalid field selector term '{term}'");
    }

    private static string Lookup(JsonObject item, string[] path)
    {
        JsonNode? node = item;
        foreach (var segment in path)
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
