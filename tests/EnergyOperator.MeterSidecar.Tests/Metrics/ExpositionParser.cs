using System.Globalization;
using System.Text;

namespace EnergyOperator.MeterSidecar.Tests.Metrics;

/// <summary>Just enough of a Prometheus text-format parser to read the sidecar's page back.</summary>
internal sealed class ExpositionParser
{
    public Dictionary<string, string> Help { get; } = [];

    public Dictionary<string, string> Types { get; } = [];

    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    public static ExpositionParser Parse(string text)
    {
        var parsed = new ExpositionParser();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var (name, rest) = SplitOnce(line["# HELP ".Length..]);
                parsed.Help[name] = rest.Replace(@"\n", "\n", StringComparison.Ordinal).Replace(@"\\", "\\", StringComparison.Ordinal);
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var (name, type) = SplitOnce(line["# TYPE ".Length..]);
                parsed.Types[name] = type;
            }
            else
            {
                parsed.Samples.Add(ParseSample(line));
            }
        }

        return parsed;
    }

    public double Value(string name, params (string Label, string Value)[] labels) =>
        Samples.Single(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Label) == label.Value)).Value;

    private static (string Name, Dictionary<string, string> Labels, double Value) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>();
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf(' ');
        var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        if (brace < 0)
        {
            return (line[..space], labels, value);
        }

        var position = brace + 1;
        while (line[position] != '}')
        {
            var equals = line.IndexOf('=', position);
            var label = line[position..equals];
            position = equals + 2; // past ="
            var text = new StringBuilder();
            for (; line[position] != '"'; position++)
            {
                if (line[position] == '\\')
                {
                    position++;
                    text.Append(line[position] == 'n' ? '\n' : line[position]);
                }
                else
                {
                    text.Append(line[position]);
                }
            }

            labels[label] = text.ToString();
            position++; // past the closing quote
            if (line[position] == ',')
            {
                position++;
            }
        }

        return (line[..brace], labels, value);
    }

    private static (string Head, string Tail) SplitOnce(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return (text[..space], text[(space + 1)..]);
    }
}
