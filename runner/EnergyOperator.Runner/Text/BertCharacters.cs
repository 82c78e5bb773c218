using System.Globalization;
using System.Text;

namespace EnergyOperator.Runner.Text;

/// <summary>The character classes of BERT's basic tokenizer.</summary>
internal static class BertCharacters
{
    /// <summary>NUL, U+FFFD and control/format/private-use/unassigned characters are dropped; tab and newlines are whitespace.</summary>
    public static bool IsRemoved(Rune rune)
    {
        if (rune.Value is 0 or 0xFFFD)
        {
            return true;
        }

        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
    }

    /// <summary>Word separators, checked after <see cref="IsRemoved"/> (so vertical tab and form feed are already gone).</summary>
    public static bool IsWhitespace(Rune rune) => Rune.IsWhiteSpace(rune);

    /// <summary>
    /// ASCII symbols such as <c>$</c>, <c>^</c> and <c>`</c> are not Unicode punctuation, but BERT splits them too.
    /// </summary>
    public static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.IsPunctuation(rune);

    /// <summary>CJK Unified Ideographs blocks (not Hangul, Hiragana or Katakana), each of which becomes its own word.</summary>
    public static bool IsCjkIdeograph(Rune rune) =>
        rune.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
