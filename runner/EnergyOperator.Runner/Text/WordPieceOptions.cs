namespace EnergyOperator.Runner.Text;

/// <summary>How texts are turned into BERT inputs.</summary>
public sealed record WordPieceOptions
{
    /// <summary>The smallest sequence that can hold [CLS] and [SEP].</summary>
    public const int MinMaxLength = 2;

    /// <summary>The model's vocab.txt.</summary>
    public required string VocabPath { get; init; }

    /// <summary>Lower-case and strip accents, as "uncased" models expect.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Longest sequence, [CLS] and [SEP] included; longer texts are truncated.</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>Pad every batch to <see cref="MaxLength"/> (fixed shapes) instead of to its longest sequence.</summary>
    public bool PadToMaxLength { get; init; }

    internal void Validate()
    {
        if (MaxLength < MinMaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxLength), MaxLength,
                $"The tokenizer's max length must be at least {MinMaxLength} to hold [CLS] and [SEP]; set it to the model's sequence length (e.g. 128 or 512).");
        }

        if (string.IsNullOrWhiteSpace(VocabPath))
        {
            throw new ArgumentException("The tokenizer's vocab path is empty; set it to the vocab.txt exported with the model.", nameof(VocabPath));
        }
    }
}
