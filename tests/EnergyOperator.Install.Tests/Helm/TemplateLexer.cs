namespace EnergyOperator.Install.Tests.Helm;

internal abstract record Segment(int Line);

internal sealed record TextSegment(string Text, int Line) : Segment(Line);

/// <summary>The inside of one <c>{{ … }}</c>, trim markers and surrounding spaces removed.</summary>
internal sealed record ActionSegment(string Source, int Line) : Segment(Line);

/// <summary>
/// Splits template text into literal text and actions, applying Go's trim markers: <c>{{- </c> removes the whitespace
/// before the action, <c> -}}</c> the whitespace after it. Comments (<c>{{/* … */}}</c>) vanish.
/// </summary>
internal static class TemplateLexer
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    public static IReadOnlyList<Segment> Split(string text, string file)
    {
        var segments = new List<Segment>();
        var position = 0;
        var trimNext = false;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            var literal = open < 0 ? text[position..] : text[position..open];
            if (trimNext)
            {
                literal = literal.TrimStart(Whitespace);
            }

            if (open < 0)
            {
                AddText(segments, literal, LineAt(text, position));
                break;
            }

            // Go reads "{{-" as a trim marker only when whitespace follows it ("{{-3}}" is the number -3).
            var trimBefore = open + 3 < text.Length && text[open + 2] == '-' && char.IsWhiteSpace(text[open + 3]);
            AddText(segments, trimBefore ? literal.TrimEnd(Whitespace) : literal, LineAt(text, position));

            var line = LineAt(text, open);
            var start = open + (trimBefore ? 3 : 2);
            var close = FindClose(text, start, file, line);
            var source = text[start..close];
            trimNext = source.Length >= 2 && source[^1] == '-' && char.IsWhiteSpace(source[^2]);
            source = (trimNext ? source[..^1] : source).Trim();
            if (!IsComment(source, file, line))
            {
                segments.Add(new ActionSegment(source, line));
            }

            position = close + 2;
        }

        return segments;
    }

    private static void AddText(List<Segment> segments, string text, int line)
    {
        if (text.Length > 0)
        {
            segments.Add(new TextSegment(text, line));
        }
    }

    private static bool IsComment(string source, string file, int line)
    {
        if (!source.StartsWith("/*", StringComparison.Ordinal))
        {
            return false;
        }

        return source.EndsWith("*/", StringComparison.Ordinal)
            ? true
            : throw new TemplateException($"{file}:{line}: a comment must end with */ right before the closing braces.");
    }

    /// <summary>The index of the action's closing <c>}}</c>, skipping string literals and comments that may contain braces.</summary>
    private static int FindClose(string text, int start, string file, int line)
    {
        var afterSpace = start;
        while (afterSpace < text.Length && char.IsWhiteSpace(text[afterSpace]))
        {
            afterSpace++;
        }

        if (string.CompareOrdinal(text, afterSpace, "/*", 0, 2) == 0)
        {
            var end = text.IndexOf("*/", afterSpace + 2, StringComparison.Ordinal);
            var close = end < 0 ? -1 : text.IndexOf("}}", end, StringComparison.Ordinal);
            return close >= 0 ? close : throw new TemplateException($"{file}:{line}: unclosed comment.");
        }

        for (var i = start; i < text.Length - 1; i++)
        {
            if (text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    i += text[i] == '\\' ? 1 : 0;
                }
            }
            else if (text[i] == '}' && text[i + 1] == '}')
            {
                return i;
            }
        }

        throw new TemplateException($"{file}:{line}: unclosed action (no '}}}}').");
    }

    private static int LineAt(string text, int index) => 1 + text.AsSpan(0, Math.Min(index, text.Length)).Count('\n');
}
