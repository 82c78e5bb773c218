using System.Text;
using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models.Classic;

public sealed class StableHashTests
{
    // Reference values of MurmurHash3_x86_32 published with SMHasher and widely reproduced.
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("aaaa", 0x9747b28cu, 0x5A97808Au)]
    [InlineData("Hello, world!", 0x9747b28cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0x2E4FF723u)]
    public void Murmur3_MatchesReferenceVectors(string ascii, uint seed, uint expected)
    {
        Assert.Equal(expected, StableHash.Murmur3(Encoding.ASCII.GetBytes(ascii), seed));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("naïve café")]
    [InlineData("x")]
    public void Murmur3_OfChars_HashesTheirUtf16LittleEndianBytes(string text)
    {
        Assert.Equal(StableHash.Murmur3(Encoding.Unicode.GetBytes(text), 7u), StableHash.Murmur3(text.AsSpan(), 7u));
    }

    [Fact]
    public void FeatureIndexOfAWord_IsFixedAcrossFeaturizersAndProcesses()
    {
        var options = new HashedTfidfOptions { WordNGrams = new(1, 1), CharNGrams = null, SublinearTf = false, L2Normalize = false };
        var first = HashedTfidfFeaturizer.Fit(["spam"], options);
        var second = HashedTfidfFeaturizer.Fit(["spam", "ham"], options);

        // Golden value: changing it breaks every saved model and exported ONNX file.
        const int expected = 118_125;
        Assert.Equal([expected], first.Transform("spam").Indices.ToArray());
        Assert.Equal([expected], second.Transform("spam").Indices.ToArray());
    }
}
