using System.Text;
using EnergyOperator.Runner.Data;
using FastBertTokenizer;

namespace EnergyOperator.Runner.Text;

/// <summary>
/// Encodes texts as <c>[CLS] pieces… [SEP] [PAD]…</c> rows for a BERT-style model, through FastBertTokenizer's WordPiece
/// (Hugging Face's BERT pre-tokenization and normalisation; ids checked against today's corpus and Hugging Face in the tests).
/// </summary>
/// <remarks>Stateless once built: concurrent callers only need their own <see cref="EncodedBatch"/>.</remarks>
public sealed class BertBatchEncoder
{
    /// <summary>The largest vocab.txt read: BERT's is 230 KB, the largest multilingual ones a few MB.</summary>
    public const long MaxVocabularyBytes = 64L * 1024 * 1024;

    /// <summary>Batches from this size up are tokenized on every core.</summary>
    internal const int ParallelBatchSize = 16;

    private readonly BertTokenizer _tokenizer;
    private readonly WordPieceOptions _options;

    private BertBatchEncoder(BertTokenizer tokenizer, WordPieceOptions options)
    {
        _tokenizer = tokenizer;
        _options = options;
    }

    public int MaxLength => _options.MaxLength;

    /// <exception cref="FileNotFoundException">The vocabulary file does not exist.</exception>
    /// <exception cref="InvalidDataException">A directory, too large, not UTF-8, or not a WordPiece vocabulary with [CLS], [SEP], [PAD] and [UNK].</exception>
    /// <exception cref="PlatformNotSupportedException">The process runs without ICU, so accents cannot be stripped.</exception>
    public static async Task<BertBatchEncoder> CreateAsync(WordPieceOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (options.LowerCase && "\u00e9".Normalize(NormalizationForm.FormD).Length != 2)
        {
            // In .NET's invariant globalization mode normalisation is a no-op: "café" would silently become [UNK].
            throw new PlatformNotSupportedException(
                "Uncased BERT tokenization strips accents through Unicode normalisation, which needs ICU: install libicu (Debian/Ubuntu: libicu72 or libicu74) and do not set DOTNET_SYSTEM_GLOBALIZATION_INVARIANT.");
        }

        var text = await DatasetFileError.ReadTextAsync(options.VocabPath, MaxVocabularyBytes, "vocabulary", cancellationToken).ConfigureAwait(false);
        var tokenizer = new BertTokenizer();
        try
        {
            tokenizer.LoadVocabulary(new StringReader(text), options.LowerCase);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"'{options.VocabPath}' is not a WordPiece vocab.txt (one token per line, with [CLS], [SEP], [PAD] and [UNK]): {e.Message}", e);
        }

        return new BertBatchEncoder(tokenizer, options);
    }

    /// <summary>Fills <paramref name="output"/> with the encoding of <paramref name="texts"/>, truncating each to <see cref="MaxLength"/>.</summary>
    public void Encode(IReadOnlyList<string> texts, EncodedBatch output)
    {
        if (texts.Count == 0)
        {
            throw new ArgumentException("Cannot encode an empty batch of texts.", nameof(texts));
        }

        // Every text is encoded into a MaxLength-wide row, rows in parallel on large batches (a GPU consumes a batch of 256
        // faster than one core tokenizes it); with dynamic padding the rows then close up to the longest one.
        var width = _options.MaxLength;
        output.Reshape(texts.Count, width);
        var ids = output.InputIds;
        var mask = output.AttentionMask;
        if (texts.Count < ParallelBatchSize)
        {
            for (var row = 0; row < texts.Count; row++)
            {
                EncodeRow(texts[row], ids.Span.Slice(row * width, width), mask.Span.Slice(row * width, width));
            }
        }
        else
        {
            Parallel.For(0, texts.Count, row => EncodeRow(texts[row], ids.Span.Slice(row * width, width), mask.Span.Slice(row * width, width)));
        }

        var idSpan = ids.Span;
        var maskSpan = mask.Span;
        var longest = 0;
        for (var row = 0; row < texts.Count; row++)
        {
            var tokens = maskSpan.Slice(row * width, width).IndexOf(0L);
            longest = Math.Max(longest, tokens < 0 ? width : tokens);
        }

        if (_options.PadToMaxLength || longest == width)
        {
            return;
        }

        for (var row = 1; row < texts.Count; row++)
        {
            idSpan.Slice(row * width, longest).CopyTo(idSpan.Slice(row * longest, longest));
            maskSpan.Slice(row * width, longest).CopyTo(maskSpan.Slice(row * longest, longest));
        }

        output.Reshape(texts.Count, longest);
    }

    private void EncodeRow(string text, Span<long> ids, Span<long> mask) => _tokenizer.Encode(text, ids, mask, padTo: ids.Length);
}
