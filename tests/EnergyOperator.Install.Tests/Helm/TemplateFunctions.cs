using System.Globalization;
using System.Text;
using EnergyOperator.Install.Tests.Yaml;

namespace EnergyOperator.Install.Tests.Helm;

/// <summary>The Sprig/Helm functions the chart may call, with Sprig's semantics for the argument types the chart passes.</summary>
internal static class TemplateFunctions
{
    /// <summary><c>include</c> needs the evaluator, so <see cref="TemplateEvaluator"/> implements it; the rest live here.</summary>
    public const string Include = "include";

    private static readonly Dictionary<string, (int Arity, Func<IReadOnlyList<object?>, object?> Call)> Functions = new(StringComparer.Ordinal)
    {
        ["toYaml"] = (1, a => YamlValues.ToYaml(a[0]).TrimEnd('\n')),
        ["nindent"] = (2, a => "\n" + Indent(Count(a[0]), Text(a[1]))),
        ["indent"] = (2, a => Indent(Count(a[0]), Text(a[1]))),
        ["quote"] = (1, a => Quote(Scalar(a[0]))),
        ["default"] = (2, a => IsTruthy(a[1]) ? a[1] : a[0]),
        ["trunc"] = (2, a => Text(a[1]) is var s && s.Length > Count(a[0]) ? s[..Count(a[0])] : Text(a[1])),
        ["trimSuffix"] = (2, a => Text(a[1]) is var s && s.EndsWith(Text(a[0]), StringComparison.Ordinal) ? s[..^Text(a[0]).Length] : Text(a[1])),
        ["join"] = (2, a => string.Join(Text(a[0]), List(a[1]).Select(Scalar))),
    };

    public static IReadOnlySet<string> Names { get; } = Functions.Keys.Append(Include).ToHashSet(StringComparer.Ordinal);

    public static object? Call(string name, IReadOnlyList<object?> arguments)
    {
        var (arity, call) = Functions[name];
        return arguments.Count == arity
            ? call(arguments)
            : throw new TemplateException($"{name} takes {arity} argument(s), got {arguments.Count}.");
    }

    /// <summary>Go's truth: false, 0, nil and empty strings, lists and maps are false.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long n => n != 0,
        double d => d != 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => throw new TemplateException($"no truth value for {value.GetType().Name}."),
    };

    /// <summary>How Go prints a scalar (Sprig's strval); lists, maps and nil have no text the chart should rely on.</summary>
    public static string Scalar(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        null => throw new TemplateException("a missing (nil) value would print '<no value>': give it a default in values.yaml."),
        _ => throw new TemplateException($"a {YamlValues.Describe(value)} has no scalar text: use toYaml."),
    };

    public static string Text(object? value) => value as string ?? throw new TemplateException($"expected a string, got {YamlValues.Describe(value)}.");

    private static int Count(object? value) => value is long n and >= 0 and <= int.MaxValue
        ? (int)n
        : throw new TemplateException($"expected a non-negative integer, got {YamlValues.Describe(value)}.");

    private static IReadOnlyList<object?> List(object? value) => value as IReadOnlyList<object?> ?? throw new TemplateException($"expected a list, got {YamlValues.Describe(value)}.");

    private static string Indent(int spaces, string text)
    {
        var pad = new string(' ', spaces);
        return pad + text.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    /// <summary>Go's <c>%q</c> for the characters a chart value can reasonably hold.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => throw new TemplateException($"quote: control character U+{(int)c:X4} is not supported."),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
