namespace EnergyOperator.Runner.Text;

/// <summary>Encodes texts as <c>[CLS] pieces… [SEP] [PAD]…</c> rows for a BERT-style model.</summary>
/// <remarks>Stateless once built: concurrent callers only need their own <see cref="EncodedBatch"/>.</remarks>
public sealed class BertBatchEncoder
{
    private readonly WordPieceOptions _options;

    public BertBatchEncoder(WordPieceVocabulary vocabulary, WordPieceOptions options)
    {
        options.Validate();
        _options = options;
        Tokenizer = new WordPieceTokenizer(vocabulary, options.LowerCase);
    }

    public WordPieceTokenizer Tokenizer { get; }

    public int MaxLength => _options.MaxLength;

    public static async Task<BertBatchEncoder> CreateAsync(WordPieceOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var vocabulary = await WordPieceVocabulary.LoadAsync(options.VocabPath, cancellationToken).ConfigureAwait(false);
        return new BertBatchEncoder(vocabulary, options);
    }

    /// <summary>Fills <paramref name="output"/> with the encoding of <paramref name="texts"/>, truncating each to <see cref="MaxLength"/>.</summary>
    public void Encode(IReadOnlyList<string> texts, EncodedBatch output)
    {
        if (texts.Count == 0)
        {
            throw new ArgumentException("Cannot encode an empty batch of texts.", nameof(texts));
        }

        var vocabulary = Tokenizer.Vocabulary;
        IReadOnlyList<List<int>> rows = output.ClearRows(texts.Count);
        int longest = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            List<int> row = rows[i];
            row.Add(vocabulary.ClassifierId);
            Tokenizer.AppendIds(texts[i], row, _options.MaxLength - 1);
            row.Add(vocabulary.SeparatorId);
            longest = Math.Max(longest, row.Count);
        }

        int sequenceLength = _options.PadToMaxLength ? _options.MaxLength : longest;
        output.Reshape(texts.Count, sequenceLength);
        for (int i = 0; i < texts.Count; i++)
        {
            Span<long> inputIds = output.InputIds.Span.Slice(i * sequenceLength, sequenceLength);
            Span<long> attentionMask = output.AttentionMask.Span.Slice(i * sequenceLength, sequenceLength);
            List<int> row = rows[i];
            for (int position = 0; position < row.Count; position++)
            {
                inputIds[position] = row[position];
            }

            inputIds[row.Count..].Fill(vocabulary.PaddingId);
            attentionMask[..row.Count].Fill(1);
        }
    }
}
