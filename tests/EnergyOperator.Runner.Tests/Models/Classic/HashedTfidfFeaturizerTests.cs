using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models.Classic;

public sealed class HashedTfidfFeaturizerTests
{
    // Raw counts: fitting on the text alone makes every IDF ln(2/2) + 1 = 1.
    private static readonly HashedTfidfOptions RawCounts = new() { SublinearTf = false, L2Normalize = false };

    private static int WordIndex(string ngram) => (int)(StableHash.Murmur3(ngram, HashedTfidfFeaturizer.WordSeed) & ((1u << 18) - 1));

    private static int CharIndex(string ngram) => (int)(StableHash.Murmur3(ngram, HashedTfidfFeaturizer.CharSeed) & ((1u << 18) - 1));

    private static Dictionary<int, float> Counts(HashedTfidfOptions options, string text)
    {
        SparseVector vector = HashedTfidfFeaturizer.Fit([text], options).Transform(text);
        var counts = new Dictionary<int, float>();
        for (int i = 0; i < vector.Count; i++)
        {
            counts.Add(vector.Indices[i], vector.Values[i]);
        }

        return counts;
    }

    [Fact]
    public void WordNGrams_OfAShortText_AreLowerCasedUnigramsAndBigrams()
    {
        var counts = Counts(RawCounts with { CharNGrams = null }, "Hi, hi THERE!");

        var expected = new Dictionary<int, float>
        {
            [WordIndex("hi")] = 2,
            [WordIndex("there")] = 1,
            [WordIndex("hi hi")] = 1,
            [WordIndex("hi there")] = 1,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
    }

    [Fact]
    public void CharNGrams_AreTakenInsideSpacePaddedWords()
    {
        var counts = Counts(RawCounts with { WordNGrams = null }, "Hi, hi there");

        // " hi " gives " hi", "hi ", " hi " (twice, one per occurrence); " there " gives 5 + 4 + 3 n-grams of length 3-5.
        var expected = new Dictionary<int, float>
        {
            [CharIndex(" hi")] = 2, [CharIndex("hi ")] = 2, [CharIndex(" hi ")] = 2,
            [CharIndex(" th")] = 1, [CharIndex("the")] = 1, [CharIndex("her")] = 1, [CharIndex("ere")] = 1, [CharIndex("re ")] = 1,
            [CharIndex(" the")] = 1, [CharIndex("ther")] = 1, [CharIndex("here")] = 1, [CharIndex("ere ")] = 1,
            [CharIndex(" ther")] = 1, [CharIndex("there")] = 1, [CharIndex("here ")] = 1,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
    }

    [Fact]
    public void WordAndCharNGramsOfTheSameString_UseDifferentSeeds()
    {
        Assert.NotEqual(WordIndex("the"), CharIndex("the"));
        var counts = Counts(RawCounts with { WordNGrams = new(1, 1), CharNGrams = new(3, 3) }, "a the b");
        Assert.Equal(1, counts[WordIndex("the")]);
        Assert.Equal(1, counts[CharIndex("the")]);
    }

    [Fact]
    public void Transform_GivesSortedUniqueIndices()
    {
        var featurizer = HashedTfidfFeaturizer.Fit(["the cat sat on the mat", "the dog"]);
        ReadOnlySpan<int> indices = featurizer.Transform("the cat sat on the mat with the dog").Indices;

        Assert.True(indices.Length > 10);
        for (int i = 1; i < indices.Length; i++)
        {
            Assert.True(indices[i - 1] < indices[i], $"indices[{i - 1}] = {indices[i - 1]} is not below indices[{i}] = {indices[i]}");
        }
    }

    [Theory]
    [InlineData(true, 1.2876821f, 1.6931472f)] // ln(4/3) + 1, ln(4/2) + 1
    [InlineData(false, 1.4054651f, 2.0986123f)] // ln(3/2) + 1, ln(3/1) + 1
    public void Fit_ComputesIdfFromDocumentFrequencies(bool smooth, float idfOfA, float idfOfB)
    {
        var options = new HashedTfidfOptions { WordNGrams = new(1, 1), CharNGrams = null, SmoothIdf = smooth };
        var featurizer = HashedTfidfFeaturizer.Fit(["a b a", "a", "c"], options);
        ReadOnlySpan<float> idf = featurizer.InverseDocumentFrequencies.Span;

        Assert.Equal(3, featurizer.DocumentCount);
        Assert.Equal(idfOfA, idf[WordIndex("a")], 5);
        Assert.Equal(idfOfB, idf[WordIndex("b")], 5);
        Assert.Equal(idfOfB, idf[WordIndex("c")], 5);
        Assert.Equal(3, idf.ToArray().Count(value => value != 0f));
    }

    [Fact]
    public void Transform_WeighsCountsByIdf_AndDropsBucketsNeverSeenInFit()
    {
        var options = new HashedTfidfOptions { WordNGrams = new(1, 1), CharNGrams = null, SublinearTf = false, L2Normalize = false };
        var featurizer = HashedTfidfFeaturizer.Fit(["a b a", "a", "c"], options);

        SparseVector vector = featurizer.Transform("b b unseen");

        Assert.Equal([WordIndex("b")], vector.Indices.ToArray());
        Assert.Equal(2 * 1.6931472f, vector.Values[0], 5);
    }

    [Fact]
    public void SublinearTf_Uses1PlusLogOfTheCount()
    {
        var options = new HashedTfidfOptions { WordNGrams = new(1, 1), CharNGrams = null, L2Normalize = false };
        var featurizer = HashedTfidfFeaturizer.Fit(["b", "c"], options);

        Assert.Equal((1 + MathF.Log(3)) * 1.4054651f, featurizer.Transform("b b b").Values[0], 5); // idf = ln(3/2) + 1
    }

    [Fact]
    public void Transform_WithL2Normalize_GivesUnitLength()
    {
        string[] corpus = ["Cheap meds, order now!!!", "Meeting moved to 3pm, see agenda", "Re: your order #1234"];
        var featurizer = HashedTfidfFeaturizer.Fit(corpus);

        foreach (string text in corpus)
        {
            SparseVector vector = featurizer.Transform(text);
            double squares = 0;
            foreach (float value in vector.Values)
            {
                squares += value * value;
            }

            Assert.Equal(1.0, Math.Sqrt(squares), 5);
        }
    }

    [Fact]
    public void Transform_OfATextWithoutWords_IsEmpty()
    {
        var featurizer = HashedTfidfFeaturizer.Fit(["hello world"]);

        Assert.Equal(0, featurizer.Transform("  --- !!! ").Count);
        Assert.Equal(0, featurizer.Transform("").Count);
    }

    [Fact]
    public void Transform_IgnoresTextBeyondMaxTextLength()
    {
        var options = new HashedTfidfOptions { MaxTextLength = 8 };
        var featurizer = HashedTfidfFeaturizer.Fit(["alpha beta gamma", "beta"], options);

        SparseVector cut = featurizer.Transform("alpha be" + "ta gamma");
        SparseVector expected = featurizer.Transform("alpha be");

        Assert.Equal(expected.Indices.ToArray(), cut.Indices.ToArray());
        Assert.Equal(expected.Values.ToArray(), cut.Values.ToArray());
    }

    [Fact]
    public void Lowercase_Off_KeepsCaseDistinct()
    {
        var options = RawCounts with { Lowercase = false, CharNGrams = null, WordNGrams = new(1, 1) };

        var counts = Counts(options, "Spam spam");

        Assert.Equal(2, counts.Count);
        Assert.Equal(1, counts[WordIndex("Spam")]);
    }

    [Fact]
    public void Fit_WithNoTexts_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => HashedTfidfFeaturizer.Fit([]));
        Assert.Equal("texts", exception.ParamName);
    }

    [Fact]
    public void Fit_WithANullText_NamesItsPosition()
    {
        var exception = Assert.Throws<ArgumentException>(() => HashedTfidfFeaturizer.Fit(["ok", null!]));
        Assert.Contains("texts[1]", exception.Message);
    }
}
