using System.Globalization;
using System.Text;

namespace EnergyOperator.Runner.Text;

/// <summary>
/// BERT's accent stripping: canonical decomposition (NFD) with the non-spacing marks (Mn) dropped.
/// </summary>
/// <remarks>
/// The project runs with invariant globalization, where <see cref="string.Normalize()"/> leaves text
/// untouched, so the decompositions come from a generated table (see generate_accent_folding.py).
/// That also keeps tokenization identical on every machine, whatever ICU it has.
/// </remarks>
internal static partial class AccentFolding
{
    private const int FirstDecomposedCodePoint = 0xC0;

    // Hangul syllables decompose algorithmically into conjoining jamo (Unicode 3.12).
    private const int HangulFirst = 0xAC00, HangulLast = 0xD7A3;
    private const int LeadingBase = 0x1100, VowelBase = 0x1161, TrailingBase = 0x11A7;
    private const int VowelCount = 21, TrailingCount = 28, VowelTrailingCount = VowelCount * TrailingCount;

    /// <summary>
    /// The most UTF-16 units one code point folds to: the longest table entry is 6 (a test folds every code point
    /// into a buffer this long), Hangul gives 3 jamo, anything else stays one code point (at most 2 units).
    /// </summary>
    public const int MaxFoldedLength = 6;

    /// <summary>Writes <paramref name="rune"/>'s folded form into <paramref name="destination"/> and returns its length.</summary>
    /// <param name="destination">At least <see cref="MaxFoldedLength"/> long; a span on the stack keeps folding allocation-free.</param>
    public static int Fold(Rune rune, Span<char> destination)
    {
        int value = rune.Value;
        if (value < FirstDecomposedCodePoint)
        {
            destination[0] = (char)value;
            return 1;
        }

        if (value is >= HangulFirst and <= HangulLast)
        {
            int index = value - HangulFirst;
            destination[0] = (char)(LeadingBase + index / VowelTrailingCount);
            destination[1] = (char)(VowelBase + index % VowelTrailingCount / TrailingCount);
            if (index % TrailingCount == 0)
            {
                return 2;
            }

            destination[2] = (char)(TrailingBase + index % TrailingCount);
            return 3;
        }

        if (DecomposedCodePoints.BinarySearch(value) is var entry and >= 0)
        {
            FoldedForms[entry].CopyTo(destination);
            return FoldedForms[entry].Length;
        }

        return Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark ? 0 : rune.EncodeToUtf16(destination);
    }

}
