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

        string normalized = word.ToString();
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

    /// <summary>
    /// Appends <paramref name="rune"/>, folded and then lower-cased when <c>lowerCase</c> is set, so that each word is
    /// normalized as it is built rather than copied three more times afterwards.
    /// </summary>
    private void Append(StringBuilder word, Rune rune)
    {
        Span<char> utf16 = stackalloc char[AccentFolding.MaxFoldedLength];
        if (!lowerCase)
        {
            word.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            return;
        }

        // Rune-wise lower-casing is what string.ToLowerInvariant does: a simple case mapping per code point.
        Span<char> lower = stackalloc char[2];
        foreach (Rune folded in utf16[..AccentFolding.Fold(rune, utf16)].EnumerateRunes())
        {
            word.Append(lower[..Rune.ToLowerInvariant(folded).EncodeToUtf16(lower)]);
        }
    }
}
