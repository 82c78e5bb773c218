using System.Text.Json;

namespace EnergyOperator.Runner.Data;

/// <summary>Reads JSON Lines samples: one object per line, blank lines ignored.</summary>
internal static class JsonLinesReader
{
    public static async Task<List<LabeledText>> ReadAsync(TextFileOptions options, CancellationToken cancellationToken)
    {
        var samples = new List<LabeledText>();
        using var reader = new StringReader(await DatasetFileError.ReadTextAsync(options.Path, options.MaxBytes, "dataset", cancellationToken).ConfigureAwait(false));
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                samples.Add(ParseLine(options, line, lineNumber));
            }
        }

        return samples;
    }

    private static LabeledText ParseLine(TextFileOptions options, string line, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            throw DatasetFileError.At(options.Path, lineNumber, $"not valid JSON ({error.Message}); each line must hold one JSON object.");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw DatasetFileError.At(options.Path, lineNumber, $"expected a JSON object but found {root.ValueKind}; each line must hold one object.");
            }

            JsonElement text = Field(options, root, options.TextField, nameof(options.TextField), lineNumber);
            if (text.ValueKind != JsonValueKind.String)
            {
                throw DatasetFileError.At(options.Path, lineNumber, $"field '{options.TextField}' is {text.ValueKind}, not a string; the text field must hold the text itself.");
            }

            JsonElement label = Field(options, root, options.LabelField, nameof(options.LabelField), lineNumber);
            string labelName = label.ValueKind switch
            {
                JsonValueKind.String => label.GetString()!,
                // Numbers keep their written form so that 1 and 1.0 stay distinct, as they look in the file.
                JsonValueKind.Number => label.GetRawText(),
                _ => throw DatasetFileError.At(options.Path, lineNumber, $"field '{options.LabelField}' is {label.ValueKind}; a label must be a string or a number."),
            };
            if (labelName.Length == 0)
            {
                throw DatasetFileError.At(options.Path, lineNumber, $"field '{options.LabelField}' is empty; every sample needs a label.");
            }

            return new LabeledText(text.GetString()!, labelName);
        }
    }

    private static JsonElement Field(TextFileOptions options, JsonElement root, string name, string setting, int lineNumber) =>
        root.TryGetProperty(name, out JsonElement value)
            ? value
            : throw DatasetFileError.At(options.Path, lineNumber, $"field '{name}' is missing; add it or set {setting} to the property that holds it.");
}
