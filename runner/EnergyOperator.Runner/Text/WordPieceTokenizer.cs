namespace EnergyOperator.Runner.Text;

/// <summary>
/// BERT's full tokenizer: the basic tokenizer's words, each split greedily into the longest vocabulary pieces
/// (continuations carry "##"); a word that cannot be split, or is longer than 100 characters, becomes [UNK].
/// </summary>
public sealed class WordPieceTokenizer(WordPieceVocabulary vocabulary, bool lowerCase)
{
    // Measured in Unicode scalar values, as the Python and Rust reference implementations count characters.
    private const int MaxWordLength = 100;

    private readonly BasicTokenizer _basicTokenizer = new(lowerCase);

    public WordPieceVocabulary Vocabulary { get; } = vocabulary;

    public IReadOnlyList<string> Tokenize(string text)
    {
        var ids = new List<int>();
        AppendIds(text, ids, int.MaxValue);
        return ids.ConvertAll(Vocabulary.GetToken);
    }

    /// <summary>Appends the ids of <paramref name="text"/>'s pieces until <paramref name="ids"/> holds <paramref name="maxCount"/>.</summary>
    internal void AppendIds(string text, List<int> ids, int maxCount)
    {
        foreach (string word in _basicTokenizer.Split(text))
        {
            if (ids.Count >= maxCount)
            {
                return;
            }

            AppendWordPieces(word, ids);
            if (ids.Count > maxCount)
            {
                ids.RemoveRange(maxCount, ids.Count - maxCount);
            }
        }
    }

    private void AppendWordPieces(string word, List<int> ids)
    {
        if (word.Length > MaxWordLength && CountScalars(word) > MaxWordLength)
        {
            ids.Add(Vocabulary.UnknownId);
            return;
        }

        int firstPiece = ids.Count;
        for (int start = 0; start < word.Length;)
        {
            int end = LongestPieceEnd(word, start, out int id);
            if (end == start)
            {
                ids.RemoveRange(firstPiece, ids.Count - firstPiece);
                ids.Add(Vocabulary.UnknownId);
                return;
            }

            ids.Add(id);
            start = end;
        }
    }

    /// <returns>The end of the longest vocabulary piece starting at <paramref name="start"/>, or <paramref name="start"/> when none matches.</returns>
    private int LongestPieceEnd(string word, int start, out int id)
    {
        for (int end = Math.Min(word.Length, start + Vocabulary.MaxPieceLength); end > start; end--)
        {
            // Never cut a surrogate pair in half.
            if (end < word.Length && char.IsLowSurrogate(word[end]))
            {
                continue;
            }

            ReadOnlySpan<char> piece = word.AsSpan(start, end - start);
            if (start == 0 ? Vocabulary.TryGetWordStartId(piece, out id) : Vocabulary.TryGetContinuationId(piece, out id))
            {
                return end;
            }
        }

        id = Vocabulary.UnknownId;
        return start;
    }

    private static int CountScalars(string word)
    {
        int count = 0;
        foreach (char c in word)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }
}
