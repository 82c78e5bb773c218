using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Runner.Data;

/// <summary>Loads a labelled-text dataset from a JSON Lines or CSV file; the dataset is named after the file.</summary>
public static class TextFileDataset
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The path is a directory, or the file is too large, not UTF-8, malformed, misses a field or holds no samples.
    /// </exception>
    public static async Task<TextDataset> LoadAsync(TextFileOptions options, CancellationToken cancellationToken = default)
    {
        List<LabeledText> samples = options.Format switch
        {
            DatasetFormat.Jsonl => await JsonLinesReader.ReadAsync(options, cancellationToken).ConfigureAwait(false),
            DatasetFormat.Csv => await CsvSampleReader.ReadAsync(options, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "The dataset file format must be jsonl or csv."),
        };
        if (samples.Count == 0)
        {
            throw new InvalidDataException($"{options.Path} holds no samples; add at least one labelled text.");
        }

        return new TextDataset(Path.GetFileNameWithoutExtension(options.Path), samples);
    }
}
