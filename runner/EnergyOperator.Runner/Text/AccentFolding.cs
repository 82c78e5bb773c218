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

    public static void AppendFolded(Rune rune, StringBuilder output)
    {
        int value = rune.Value;
        if (value < FirstDecomposedCodePoint)
        {
            output.Append((char)value);
        }
        else if (value is >= HangulFirst and <= HangulLast)
        {
            int index = value - HangulFirst;
            output.Append((char)(LeadingBase + index / VowelTrailingCount));
            output.Append((char)(VowelBase + index % VowelTrailingCount / TrailingCount));
            if (index % TrailingCount != 0)
            {
                output.Append((char)(TrailingBase + index % TrailingCount));
            }
        }
        else if (DecomposedCodePoints.BinarySearch(value) is var entry and >= 0)
        {
            output.Append(FoldedForms[entry]);
        }
        else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
        {
            output.Append(rune.ToString());
        }
    }
}
