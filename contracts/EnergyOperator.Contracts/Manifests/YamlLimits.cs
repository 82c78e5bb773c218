using EnergyOperator.Contracts.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EnergyOperator.Contracts.Manifests;

/// <summary>
/// Bounds on what a manifest may make the reader build. A manifest is a few kilobytes nested six levels deep; these limits are
/// orders of magnitude above that and far below what exhausts a stack or memory (a self-referencing alias, 20,000 levels of flow
/// nesting, or a "billion laughs" file of 633 bytes that expands to gigabytes).
/// </summary>
public static class YamlLimits
{
    /// <summary>Largest manifest file read: the API server stores at most about 1.5 MiB per object.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most nodes the documents may hold once every alias is expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>Most characters of scalar text the documents may hold once every alias is expanded.</summary>
    public const long MaxExpandedChars = 4L * MaxBytes;

    /// <summary>
    /// Walks the parser's events (a state machine: no recursion however deep the input) and throws a <see cref="ManifestException"/>
    /// with the source and line at the first limit exceeded, before anything builds a tree. An alias counts as a copy of what its anchor holds, and may only
    /// name an anchor whose node is complete, so a node cannot contain itself.
    /// </summary>
    public static void Check(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<AnchorName, (long Nodes, long Chars)>();
        var open = new Stack<(AnchorName Anchor, long Nodes, long Chars)>();
        long nodes = 0, chars = 0;
        var line = 1L;
        while (MoveNext())
        {
            var current = parser.Current!;
            line = current.Start.Line;
            switch (current)
            {
                case DocumentStart:
                    anchors.Clear();
                    break;
                case Scalar scalar:
                    Count(1, scalar.Value.Length, current);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor] = (1, scalar.Value.Length);
                    }

                    break;
                case NodeEvent start and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                    {
                        throw Exceeded(source, current, $"nested deeper than {MaxDepth} levels: a manifest needs fewer than 10");
                    }

                    Count(1, 0, current);
                    open.Push((start.Anchor, nodes - 1, chars));
                    break;
                case SequenceEnd or MappingEnd:
                    var (anchor, nodesBefore, charsBefore) = open.Pop();
                    if (!anchor.IsEmpty)
                    {
                        anchors[anchor] = (nodes - nodesBefore, chars - charsBefore);
                    }

                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value, out var size))
                    {
                        throw Exceeded(source, current,
                            $"alias *{alias.Value} names no complete anchor before it (an alias inside its own anchor would repeat forever)");
                    }

                    Count(size.Nodes, size.Chars, current);
                    break;
            }
        }

        bool MoveNext()
        {
            try
            {
                return parser.MoveNext();
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner fails this way on some malformed characters instead of with a YamlException.
                throw new ManifestException(source, [new($"line {line}", "not valid YAML: the parser stopped after this line (a stray or invalid character?)")]);
            }
        }

        void Count(long addNodes, long addChars, ParsingEvent at)
        {
            nodes += addNodes;
            chars += addChars;
            if (nodes > MaxExpandedNodes || chars > MaxExpandedChars)
            {
                throw Exceeded(source, at,
                    $"expands to more than {MaxExpandedNodes:N0} nodes or {MaxExpandedChars:N0} characters once aliases are repeated: write it without aliases");
            }
        }
    }

    private static ManifestException Exceeded(string source, ParsingEvent at, string message) => new(source, [new($"line {at.Start.Line}", message)]);
}
