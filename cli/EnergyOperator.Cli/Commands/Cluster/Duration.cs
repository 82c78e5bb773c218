using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary>Durations as kubectl writes them: <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>1h30m</c>.</summary>
internal static partial class Duration
{
    public static Func<ArgumentResult, TimeSpan> Parser(string option) => result => Parse(result, option);

    private static TimeSpan Parse(ArgumentResult result, string option)
    {
        var text = result.Tokens.Single().Value;
        var parts = Part().Matches(text);
        if (parts.Count > 0 && string.Concat(parts.Select(m => m.Value)) == text)
        {
            var total = parts.Aggregate(TimeSpan.Zero, (sum, m) => sum + Unit(m.Groups["unit"].Value) * double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
            if (total > TimeSpan.Zero)
            {
                return total;
            }
        }

        result.AddError($"{option}: '{text}' is not a positive duration such as 90s, 30m, 1h or 1h30m");
        return TimeSpan.Zero;
    }

    private static TimeSpan Unit(string unit) => unit switch
    {
        "ms" => TimeSpan.FromMilliseconds(1),
        "s" => TimeSpan.FromSeconds(1),
        "m" => TimeSpan.FromMinutes(1),
        _ => TimeSpan.FromHours(1),
    };

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|s|m|h)")]
    private static partial Regex Part();
}
