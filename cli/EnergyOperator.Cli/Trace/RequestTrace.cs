using System.Globalization;

namespace EnergyOperator.Cli.Trace;

/// <summary>One request of a trace: its prompt and output lengths in tokens, and when it arrived (seconds), if the trace says.</summary>
internal readonly record struct TraceRequest(int InputTokens, int OutputTokens, double? ArrivalSeconds);

/// <summary>A line and field of a trace CSV that cannot be read, with what a valid one looks like.</summary>
internal sealed class TraceFormatException(string message) : Exception(message);

/// <summary>
/// Reads a request trace: CSV with a header naming <c>input_tokens</c> and <c>output_tokens</c> (and optionally
/// <c>arrival_time</c>, seconds), one request per line, plain numbers (no quoting). Bounded: at most
/// <see cref="MaxRequests"/> requests of at most <see cref="MaxTokens"/> tokens each.
/// </summary>
internal static class RequestTrace
{
    public const int MaxRequests = 10_000_000;
    public const int MaxTokens = 1_000_000;

    private const string Input = "input_tokens";
    private const string Output = "output_tokens";
    private const string Arrival = "arrival_time";

    /// <exception cref="TraceFormatException">The header or a line is not as described; the message names the line and field.</exception>
    public static IReadOnlyList<TraceRequest> Parse(string content)
    {
        using var reader = new StringReader(content);
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new TraceFormatException($"line 1: the trace is empty; its first line must be a header such as '{Input},{Output},{Arrival}'");
        }

        var columns = header.Split(',').Select(c => c.Trim()).ToList();
        var inputColumn = Column(columns, Input, required: true);
        var outputColumn = Column(columns, Output, required: true);
        var arrivalColumn = Column(columns, Arrival, required: false);

        var requests = new List<TraceRequest>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (requests.Count == MaxRequests)
            {
                throw new TraceFormatException($"line {lineNumber}: more than {MaxRequests:N0} requests; sample the trace down");
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Count)
            {
                throw new TraceFormatException($"line {lineNumber}: {fields.Length} fields where the header has {columns.Count} (quoted fields are not supported)");
            }

            requests.Add(new TraceRequest(
                Tokens(fields[inputColumn], lineNumber, Input),
                Tokens(fields[outputColumn], lineNumber, Output),
                arrivalColumn >= 0 ? Seconds(fields[arrivalColumn], lineNumber) : null));
        }

        return requests.Count > 0 ? requests : throw new TraceFormatException($"line {lineNumber}: the trace has a header but no request");
    }

    private static int Column(List<string> columns, string name, bool required)
    {
        var index = columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 || !required
            ? index
            : throw new TraceFormatException($"line 1: the header has no '{name}' column (it has {string.Join(", ", columns.Select(c => $"'{c}'"))}); name the columns {Input},{Output}[,{Arrival}]");
    }

    private static int Tokens(string field, int line, string name) =>
        int.TryParse(field.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens is >= 1 and <= MaxTokens
            ? tokens
            : throw new TraceFormatException($"line {line}, field {name}: '{Shorten(field)}' is not a whole number of tokens from 1 to {MaxTokens:N0}");

    private static double Seconds(string field, int line) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? seconds
            : throw new TraceFormatException($"line {line}, field {Arrival}: '{Shorten(field)}' is not a time in seconds ≥ 0");

    /// <summary>A hostile field may be megabytes long; the error quotes its start.</summary>
    private static string Shorten(string field) => field.Length <= 40 ? field : field[..40] + "…";
}
