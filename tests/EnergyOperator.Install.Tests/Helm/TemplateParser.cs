using System.Globalization;
using System.Text;

namespace EnergyOperator.Install.Tests.Helm;

/// <summary>
/// Parses the Go-template subset the chart may use into <see cref="Node"/>s; every construct outside it throws a
/// <see cref="TemplateException"/> naming the file and line, so the chart cannot silently depend on more than the tests check.
/// </summary>
internal sealed class TemplateParser
{
    private readonly IReadOnlyList<Segment> _segments;
    private readonly string _file;
    private readonly Dictionary<string, IReadOnlyList<Node>> _defines;
    private int _next;

    private TemplateParser(IReadOnlyList<Segment> segments, string file, Dictionary<string, IReadOnlyList<Node>> defines)
    {
        _segments = segments;
        _file = file;
        _defines = defines;
    }

    /// <summary>Parses <paramref name="text"/>; its <c>define</c>s are added to <paramref name="defines"/>.</summary>
    public static IReadOnlyList<Node> Parse(string text, string file, Dictionary<string, IReadOnlyList<Node>> defines)
    {
        var parser = new TemplateParser(TemplateLexer.Split(text, file), file, defines);
        var (nodes, stop) = parser.ParseList(topLevel: true);
        return stop is null ? nodes : throw parser.Error(parser._segments[parser._next - 1].Line, $"unexpected {{{{ {stop} }}}}.");
    }

    private (List<Node> Nodes, string? Stop) ParseList(bool topLevel)
    {
        var nodes = new List<Node>();
        while (_next < _segments.Count)
        {
            var segment = _segments[_next++];
            if (segment is TextSegment text)
            {
                nodes.Add(new TextNode(text.Text, text.Line));
                continue;
            }

            var action = (ActionSegment)segment;
            var tokens = Tokenize(action.Source, action.Line);
            var keyword = tokens is [{ Kind: TokenKind.Identifier } first, ..] && Keywords.Contains(first.Text) ? first.Text : null;
            switch (keyword)
            {
                case null:
                    nodes.Add(new OutputNode(ParsePipeline(tokens, action.Line), action.Line));
                    break;
                case "if" or "with":
                    var (then, otherwise) = ParseBranches(action.Line, keyword);
                    nodes.Add(new ConditionalNode(keyword == "with", ParsePipeline(tokens[1..], action.Line), then, otherwise, action.Line));
                    break;
                case "range":
                    nodes.Add(ParseRange(tokens[1..], action.Line));
                    break;
                case "define" when topLevel:
                    ParseDefine(tokens, action.Line);
                    break;
                case "else" or "end" when !topLevel:
                    return tokens.Count == 1
                        ? (nodes, keyword)
                        : throw Error(action.Line, $"'{action.Source}' is not supported: use a nested if/with inside {{{{ else }}}}.");
                default:
                    throw Error(action.Line, $"'{keyword}' is not supported here (the renderer knows if, else, end, with, range and top-level define).");
            }
        }

        return topLevel ? (nodes, null) : throw Error(_segments[^1].Line, "missing {{ end }}.");
    }

    private (IReadOnlyList<Node> Then, IReadOnlyList<Node> Else) ParseBranches(int line, string keyword)
    {
        var (then, stop) = ParseList(topLevel: false);
        if (stop == "end")
        {
            return (then, []);
        }

        var (otherwise, end) = ParseList(topLevel: false);
        return end == "end" ? (then, otherwise) : throw Error(line, $"{keyword} has a second {{{{ else }}}}.");
    }

    private RangeNode ParseRange(IReadOnlyList<Token> tokens, int line)
    {
        string? key = null, value = null;
        var declare = tokens.ToList().FindIndex(t => t.Kind == TokenKind.Declare);
        if (declare >= 0)
        {
            var variables = tokens.Take(declare).ToList();
            (key, value) = variables switch
            {
                [{ Kind: TokenKind.Variable } v] => (null, v.Text),
                [{ Kind: TokenKind.Variable } k, { Kind: TokenKind.Comma }, { Kind: TokenKind.Variable } v] => (k.Text, v.Text),
                _ => throw Error(line, "range declares '$value :=' or '$key, $value :='."),
            };
            tokens = tokens.Skip(declare + 1).ToList();
        }

        var (body, otherwise) = ParseBranches(line, "range");
        return new RangeNode(key, value, ParsePipeline(tokens, line), body, otherwise, line);
    }

    private void ParseDefine(IReadOnlyList<Token> tokens, int line)
    {
        if (tokens is not [_, { Kind: TokenKind.String } name])
        {
            throw Error(line, "define takes one quoted name.");
        }

        var (body, stop) = ParseList(topLevel: false);
        var templateName = (string)name.Value!;
        if (stop != "end" || !_defines.TryAdd(templateName, body))
        {
            throw Error(line, stop != "end" ? "define has an {{ else }}." : $"'{templateName}' is defined twice.");
        }
    }

    private Pipeline ParsePipeline(IReadOnlyList<Token> tokens, int line)
    {
        if (tokens.Count == 0)
        {
            throw Error(line, "empty pipeline.");
        }

        var commands = new List<Command>();
        var operands = new List<Operand>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Pipe:
                    commands.Add(CloseCommand(operands, line));
                    operands = [];
                    break;
                case TokenKind.LeftParen:
                    var close = MatchingParen(tokens, i, line);
                    operands.Add(new PipelineOperand(ParsePipeline(tokens.Skip(i + 1).Take(close - i - 1).ToList(), line)));
                    i = close;
                    break;
                case TokenKind.Identifier when TemplateFunctions.Names.Contains(token.Text):
                    operands.Add(operands.Count == 0
                        ? new FunctionOperand(token.Text)
                        : throw Error(line, $"'{token.Text}' as an argument: wrap the call in parentheses."));
                    break;
                case TokenKind.Identifier:
                    throw Error(line, $"function '{token.Text}' is not supported (supported: {string.Join(", ", TemplateFunctions.Names.Order(StringComparer.Ordinal))}).");
                case TokenKind.Field or TokenKind.Variable:
                    operands.Add(ParseField(token));
                    break;
                case TokenKind.String or TokenKind.Number:
                    operands.Add(new LiteralOperand(token.Value!));
                    break;
                default:
                    throw Error(line, $"unexpected '{token.Text}'.");
            }
        }

        commands.Add(CloseCommand(operands, line));
        return new Pipeline(commands);
    }

    private Command CloseCommand(List<Operand> operands, int line) => operands.Count switch
    {
        0 => throw Error(line, "empty command in a pipeline."),
        > 1 when operands[0] is not FunctionOperand => throw Error(line, "only a function takes arguments."),
        _ => new Command(operands),
    };

    private static FieldOperand ParseField(Token token)
    {
        var parts = token.Text.Split('.');
        return token.Kind == TokenKind.Variable
            ? new FieldOperand(parts[0], parts[1..], token.Text)
            : new FieldOperand(null, token.Text == "." ? [] : parts[1..], token.Text);
    }

    private int MatchingParen(IReadOnlyList<Token> tokens, int open, int line)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Kind switch { TokenKind.LeftParen => 1, TokenKind.RightParen => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        throw Error(line, "unbalanced parentheses.");
    }

    private List<Token> Tokenize(string source, int line)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < source.Length;)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '.' or '$')
            {
                var start = i++;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] is '_' or '.'))
                {
                    i++;
                }

                var text = source[start..i];
                if (text.EndsWith('.') && text.Length > 1)
                {
                    throw Error(line, $"'{text}' ends with a dot.");
                }

                tokens.Add(new Token(c == '$' ? TokenKind.Variable : TokenKind.Field, text, null));
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, source[start..i], null));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < source.Length && char.IsDigit(source[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, source[start..i], long.Parse(source[start..i], CultureInfo.InvariantCulture)));
            }
            else if (c == '"')
            {
                i = ReadString(source, i, line, tokens);
            }
            else if (source.AsSpan(i).StartsWith(":="))
            {
                tokens.Add(new Token(TokenKind.Declare, ":=", null));
                i += 2;
            }
            else
            {
                var kind = c switch
                {
                    '|' => TokenKind.Pipe,
                    '(' => TokenKind.LeftParen,
                    ')' => TokenKind.RightParen,
                    ',' => TokenKind.Comma,
                    _ => throw Error(line, $"'{c}' in '{source}' is not supported (no raw strings, assignments, negative or decimal numbers)."),
                };
                tokens.Add(new Token(kind, c.ToString(), null));
                i++;
            }
        }

        if (tokens.Any(t => t.Kind == TokenKind.Declare) && tokens[0] is not { Kind: TokenKind.Identifier, Text: "range" })
        {
            throw Error(line, "variables may be declared only by range.");
        }

        return tokens;
    }

    private int ReadString(string source, int start, int line, List<Token> tokens)
    {
        var value = new StringBuilder();
        for (var i = start + 1; i < source.Length; i++)
        {
            if (source[i] == '"')
            {
                tokens.Add(new Token(TokenKind.String, source[start..(i + 1)], value.ToString()));
                return i + 1;
            }

            if (source[i] == '\\' && i + 1 < source.Length)
            {
                i++;
                value.Append(source[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    '"' or '\\' => source[i],
                    _ => throw Error(line, $"escape '\\{source[i]}' is not supported."),
                });
                continue;
            }

            value.Append(source[i]);
        }

        throw Error(line, "unterminated string.");
    }

    private TemplateException Error(int line, string message) => new($"{_file}:{line}: {message}");

    private static readonly HashSet<string> Keywords = ["if", "else", "end", "with", "range", "define", "template", "block", "break", "continue"];

    private enum TokenKind
    {
        Field,
        Variable,
        Identifier,
        String,
        Number,
        Pipe,
        LeftParen,
        RightParen,
        Comma,
        Declare,
    }

    private sealed record Token(TokenKind Kind, string Text, object? Value);
}
