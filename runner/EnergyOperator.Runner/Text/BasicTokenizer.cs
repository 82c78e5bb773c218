using System.Text;

namespace EnergyOperator.Runner.Text;

/// <summary>
/// BERT's basic tokenizer: drops control characters, splits on whitespace, gives every CJK ideograph its own
/// word, optionally strips accents and lower-cases, then splits punctuation into single-character words.
/// </summary>
/// <remarks>
/// Words are produced lazily so that truncated encodings of long documents stop early. Accents are stripped
/// before lower-casing (as Hugging Face's BertNormalizer does) so that e.g. "İ" folds to "i".
/// </remarks>
internal sealed class BasicTokenizer(bool lowerCase)
{
    public IEnumerable<string> Split(string text)
    {
        var word = new StringBuilder();
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (BertCharacters.IsRemoved(rune))
            {
                continue;
            }

            bool isCjk = BertCharacters.IsCjkIdeograph(rune);
            if (isCjk || BertCharacters.IsWhitespace(rune))
            {
                foreach (string piece in SplitWord(word))
                {
                    yield return piece;
                }

                word.Clear();
                if (isCjk)
                {
                    yield return rune.ToString();
                }

                continue;
            }

            Append(word, rune);
        }

        foreach (string piece in SplitWord(word))
        {
            yield return piece;
        }
    }

    private IEnumerable<string> SplitWord(StringBuilder word)
    {
        if (word.Length == 0)
        {
            yield break;
        }

        string normalized = lowerCase ? FoldAccents(word).ToLowerInvariant() : word.ToString();
        int pieceStart = 0;
        int position = 0;
        foreach (Rune rune in normalized.EnumerateRunes())
        {
            if (BertCharacters.IsPunctuation(rune))
            {
                if (position > pieceStart)
                {
                    yield return normalized[pieceStart..position];
                }

                yield return rune.ToString();
                pieceStart = position + rune.Utf16SequenceLength;
            }

            position += rune.Utf16SequenceLength;
        }

        if (normalized.Length > pieceStart)
        {
            yield return normalized[pieceStart..];
        }
    }

    private static string FoldAccents(StringBuilder word)
    {
        var folded = new StringBuilder(word.Length);
        foreach (Rune rune in word.ToString().EnumerateRunes())
        {
            AccentFolding.AppendFolded(rune, folded);
        }

        return folded.ToString();
    }

    private static void Append(StringBuilder builder, Rune rune)
    {
        Span<char> utf16 = stackalloc char[2];
        builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
    }
}
