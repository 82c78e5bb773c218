using System.Text;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Text;

public sealed class AccentFoldingTests
{
    [Fact]
    public void Fold_EveryCodePoint_FitsExactlyInMaxFoldedLength()
    {
        Span<char> destination = stackalloc char[AccentFolding.MaxFoldedLength];
        var longest = 0;
        for (var value = 0; value <= 0x10FFFF; value++)
        {
            if (Rune.IsValid(value))
            {
                longest = Math.Max(longest, AccentFolding.Fold(new Rune(value), destination));
            }
        }

        Assert.Equal(AccentFolding.MaxFoldedLength, longest);
    }

    [Theory]
    [InlineData('é', "e")]
    [InlineData('\u0301', "")]
    [InlineData('한', "\u1112\u1161\u11AB")]
    [InlineData('ж', "ж")]
    public void Fold_DecomposesAndDropsNonSpacingMarks(char input, string expected)
    {
        Span<char> destination = stackalloc char[AccentFolding.MaxFoldedLength];

        var length = AccentFolding.Fold(new Rune(input), destination);

        Assert.Equal(expected, destination[..length].ToString());
    }
}
