using System.Text;

namespace EnergyOperator.Runner.Data;

/// <summary>One CSV record and the line it starts on.</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// RFC 4180 records: comma-separated, fields optionally in double quotes (which may hold commas, line breaks and
/// doubled quotes), CRLF or LF line ends. Blank lines are skipped. Like Python's csv module, a quote inside an
/// unquoted field is taken literally.
/// </summary>
internal static class CsvParser
{
    public static IEnumerable<CsvRecord> Parse(string content, string path)
    {
        int position = 0;
        int line = 1;
        var field = new StringBuilder();
        while (position < content.Length)
        {
            if (content[position] is '\r' or '\n')
            {
                position = SkipLineEnd(content, position);
                line++;
                continue;
            }

            int recordLine = line;
            var fields = new List<string>();
            while (true)
            {
                if (position < content.Length && content[position] == '"')
                {
                    position = ReadQuoted(content, position + 1, field, ref line, path, recordLine);
                }
                else
                {
                    while (position < content.Length && content[position] is not (',' or '\r' or '\n'))
                    {
                        field.Append(content[position++]);
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (position == content.Length || content[position] != ',')
                {
                    break;
                }

                position++;
            }

            if (position < content.Length)
            {
                position = SkipLineEnd(content, position);
                line++;
            }

            yield return new CsvRecord(recordLine, [.. fields]);
        }
    }

    /// <returns>The position after the closing quote, which must end the field.</returns>
    private static int ReadQuoted(string content, int position, StringBuilder field, ref int line, string path, int recordLine)
    {
        while (true)
        {
            if (position == content.Length)
            {
                throw DatasetFileError.At(path, recordLine, "a quoted field is never closed; end it with a double quote and double every quote inside it.");
            }

            char c = content[position++];
            if (c == '"')
            {
                if (position < content.Length && content[position] == '"')
                {
                    field.Append('"');
                    position++;
                    continue;
                }

                if (position < content.Length && content[position] is not (',' or '\r' or '\n'))
                {
                    throw DatasetFileError.At(path, line, "text follows a closing quote; quote the whole field and double every quote inside it.");
                }

                return position;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
        }
    }

    private static int SkipLineEnd(string content, int position) =>
        content[position] == '\r' && position + 1 < content.Length && content[position + 1] == '\n' ? position + 2 : position + 1;
}
