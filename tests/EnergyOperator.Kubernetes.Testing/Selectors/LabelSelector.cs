using System.Text.Json.Nodes;

namespace EnergyOperator.Kubernetes.Testing.Selectors;

/// <summary>The label selector grammar: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x,y)</c>, <c>a</c>, <c>!a</c>; terms are ANDed.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(SplitTerms(text).Select(ParseTerm).ToArray());
    }

    public bool Matches(JsonObject item)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item["metadata"]?["labels"] is JsonObject json)
        {
            foreach (var (key, value) in json)
            {
                labels[key] = value?.GetValue<string>() ?? "";
            }
        }

        return _requirements.All(r => r(labels));
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }

        yield return text[start..].Trim();
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw new SelectorException("empty term in label selector");
        }

        if (term.StartsWith('!'))
        {
            var key = RequireKey(term[1..].Trim());
            return labels => !labels.ContainsKey(key);
        }

        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = RequireKey(term[..at].Trim());
                var value = term[(at + op.Length)..].Trim();
                return negate
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        var parts = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            var key = RequireKey(parts[0]);
            return labels => labels.ContainsKey(key);
        }

        var rest = parts[1];
        var notIn = rest.StartsWith("notin", StringComparison.Ordinal);
        var list = (notIn ? rest["notin".Length..] : rest.StartsWith("in", StringComparison.Ordinal) ? rest["in".Length..] : null)?.Trim();
        if (list is null || !list.StartsWith('(') || !list.EndsWith(')'))
        {
            throw new SelectorException($"unable to parse requirement '{term}'");
        }

        var setKey = RequireKey(parts[0]);
        var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return notIn
            ? labels => !labels.TryGetValue(setKey, out var v) || !values.Contains(v)
            : labels => labels.TryGetValue(setKey, out var v) && values.Contains(v);
    }

    private static string RequireKey(string key) =>
        key.Length > 0 && !key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '!' or '=')
            ? key
            : throw new SelectorException($"invalid label key '{key}'");
}

internal sealed class SelectorException(string message) : Exception(message);
