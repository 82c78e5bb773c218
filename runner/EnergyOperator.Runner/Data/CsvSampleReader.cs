namespace EnergyOperator.Runner.Data;

/// <summary>Reads samples from a CSV file whose header row names the text and label columns.</summary>
internal static class CsvSampleReader
{
    public static async Task<List<LabeledText>> ReadAsync(TextFileOptions options, CancellationToken cancellationToken)
    {
        string content = await DatasetFileError.ReadTextAsync(options.Path, options.MaxBytes, "dataset", cancellationToken).ConfigureAwait(false);
        using IEnumerator<CsvRecord> records = CsvParser.Parse(content, options.Path).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InvalidDataException($"{options.Path} is empty; a CSV dataset needs a header row naming its '{options.TextField}' and '{options.LabelField}' columns.");
        }

        CsvRecord header = records.Current;
        int textColumn = Column(options, header, options.TextField, nameof(options.TextField));
        int labelColumn = Column(options, header, options.LabelField, nameof(options.LabelField));
        var samples = new List<LabeledText>();
        while (records.MoveNext())
        {
            CsvRecord record = records.Current;
            if (record.Fields.Length != header.Fields.Length)
            {
                throw DatasetFileError.At(options.Path, record.Line, $"{record.Fields.Length} fields where the header has {header.Fields.Length}; quote fields that contain commas or line breaks.");
            }

            string label = record.Fields[labelColumn];
            if (label.Length == 0)
            {
                throw DatasetFileError.At(options.Path, record.Line, $"column '{options.LabelField}' is empty; every sample needs a label.");
            }

            samples.Add(new LabeledText(record.Fields[textColumn], label));
        }

        return samples;
    }

    private static int Column(TextFileOptions options, CsvRecord header, string name, string setting)
    {
        int column = Array.IndexOf(header.Fields, name);
        return column >= 0
            ? column
            // The header's own text is never echoed: pointed at the wrong file (a token, a key), an error would leak it into status and logs.
            : throw DatasetFileError.At(options.Path, header.Line, $"the header row's {header.Fields.Length} column(s) include no '{name}'; add it or set {setting} to the column that holds it.");
    }
}
