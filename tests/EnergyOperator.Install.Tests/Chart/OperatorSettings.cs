using System.Text.RegularExpressions;

namespace EnergyOperator.Install.Tests.Chart;

/// <summary>One row of docs/operator-config.md: a setting's environment variable name and its documented default.</summary>
internal sealed record OperatorSetting(string Name, string Default)
{
    private const string Placeholder = "<label>";

    /// <summary>Names like <c>EnergyOperator__DefaultNodeSelector__&lt;label&gt;</c> stand for one variable per key.</summary>
    public bool IsPerKey => Name.EndsWith(Placeholder, StringComparison.Ordinal);

    public string Prefix => Name[..^Placeholder.Length];

    /// <summary>The same setting as an ASP.NET Core command-line argument prefix: <c>A__B__</c> is <c>--A:B:</c>.</summary>
    public string ArgumentPrefix => "--" + Prefix.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>The default when the table gives a literal value (one backticked word), not a description.</summary>
    public string? LiteralDefault => LiteralPattern.Match(Default) is { Success: true } m && !m.Groups[1].Value.StartsWith('$') ? m.Groups[1].Value : null;

    private static readonly Regex LiteralPattern = new("^`([^`]+)`$");
}

internal static partial class OperatorSettings
{
    /// <summary>Every variable in the table of docs/operator-config.md (a row naming two variables gives two).</summary>
    public static IReadOnlyList<OperatorSetting> Documented { get; } = Read(File.ReadAllText(Repository.PathOf("docs/operator-config.md")));

    private static List<OperatorSetting> Read(string markdown)
    {
        var settings = new List<OperatorSetting>();
        foreach (Match row in TableRow().Matches(markdown))
        {
            var defaultValue = row.Groups["default"].Value.Trim();
            settings.AddRange(NameCell().Matches(row.Groups["names"].Value).Select(m => new OperatorSetting(m.Groups[1].Value, defaultValue)));
        }

        return settings.Count > 0 ? settings : throw new InvalidDataException("docs/operator-config.md has no settings table.");
    }

    [GeneratedRegex(@"^\| (?<names>`[^|]+) \| (?<default>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex NameCell();
}
