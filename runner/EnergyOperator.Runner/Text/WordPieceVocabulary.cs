using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Text;

/// <summary>A BERT vocabulary: one token per line of vocab.txt, the id being the zero-based line number.</summary>
public sealed class WordPieceVocabulary
{
    public const string UnknownToken = "[UNK]";
    public const string ClassifierToken = "[CLS]";
    public const string SeparatorToken = "[SEP]";
    public const string PaddingToken = "[PAD]";
    public const string ContinuationPrefix = "##";

    /// <summary>The largest vocab.txt read: BERT's is 230 KB, the largest multilingual ones a few MB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly string[] _tokens;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ids;

    // Continuation pieces are keyed without their "##" so that a slice of the word can be looked up without copying.
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuationIds;

    private WordPieceVocabulary(string[] tokens, string source)
    {
        _tokens = tokens;
        var ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var continuationIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
        {
            // A duplicated token keeps its last id, as the reference implementations do.
            ids[tokens[id]] = id;
            MaxPieceLength = Math.Max(MaxPieceLength, tokens[id].Length);
            if (tokens[id].StartsWith(ContinuationPrefix, StringComparison.Ordinal))
            {
                continuationIds[tokens[id][ContinuationPrefix.Length..]] = id;
            }
        }

        _ids = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuationIds = continuationIds.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownId = RequireSpecial(ids, UnknownToken, source);
        ClassifierId = RequireSpecial(ids, ClassifierToken, source);
        SeparatorId = RequireSpecial(ids, SeparatorToken, source);
        PaddingId = RequireSpecial(ids, PaddingToken, source);
    }

    public int Count => _tokens.Length;

    public int UnknownId { get; }

    public int ClassifierId { get; }

    public int SeparatorId { get; }

    public int PaddingId { get; }

    /// <summary>The longest token in UTF-16 units: no longer slice of a word can match, so none is looked up.</summary>
    internal int MaxPieceLength { get; }

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A directory, too large, not UTF-8, or a special token the encoder needs is missing.</exception>
    public static async Task<WordPieceVocabulary> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"The WordPiece vocabulary '{path}' does not exist. Point the tokenizer's vocab path at the vocab.txt exported with the model.",
                path);
        }

        string text = await DatasetFileError.ReadTextAsync(path, MaxBytes, "vocabulary", cancellationToken).ConfigureAwait(false);
        string[] lines = text.Split('\n');
        if (lines[^1].Length == 0)
        {
            // ReadAllLines semantics: a final line break ends the last line rather than starting an empty one.
            lines = lines[..^1];
        }

        return new WordPieceVocabulary(Array.ConvertAll(lines, line => line.TrimEnd()), path);
    }

    internal static WordPieceVocabulary FromTokens(IEnumerable<string> tokens, string source) =>
        new([.. tokens], source);

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public string GetToken(int id) => _tokens[id];

    internal bool TryGetWordStartId(ReadOnlySpan<char> piece, out int id) => _ids.TryGetValue(piece, out id);

    internal bool TryGetContinuationId(ReadOnlySpan<char> pieceWithoutPrefix, out int id) =>
        _continuationIds.TryGetValue(pieceWithoutPrefix, out id);

    private static int RequireSpecial(Dictionary<string, int> ids, string token, string source) =>
        ids.TryGetValue(token, out int id)
            ? id
            : throw new InvalidDataException(
                $"The WordPiece vocabulary '{source}' has no '{token}' line; encoding needs {UnknownToken}, {ClassifierToken}, {SeparatorToken} and {PaddingToken}. Use the vocab.txt exported with the model.");
}
