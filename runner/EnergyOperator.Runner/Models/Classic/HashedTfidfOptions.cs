namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// How <see cref="HashedTfidfFeaturizer"/> turns a text into a sparse TF-IDF vector.
/// Text is lower-cased (optionally), cut to <see cref="MaxTextLength"/> and split into words at every character that is
/// not a letter or digit. Word n-grams are runs of consecutive words; character n-grams are taken inside each word
/// padded with one space on either side (scikit-learn's <c>char_wb</c>), so they never straddle two words and the
/// padding marks prefixes and suffixes.
/// </summary>
public sealed record HashedTfidfOptions
{
    public const int MinHashBits = 8;
    public const int MaxHashBits = 24;
    public const int MaxWordNGramLength = 5;
    public const int MaxCharNGramLength = 10;

    /// <summary>log2 of the number of hashed features; 18 gives 262,144, enough that collisions cost no accuracy on e-mail.</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>Word n-gram lengths; <c>null</c> turns word features off.</summary>
    public NGramRange? WordNGrams { get; init; } = new(1, 2);

    /// <summary>Character n-gram lengths inside space-padded words; <c>null</c> turns character features off.</summary>
    public NGramRange? CharNGrams { get; init; } = new(3, 5);

    public bool Lowercase { get; init; } = true;

    /// <summary>
    /// Only the first this many UTF-16 code units of a text are featurized. E-mails can carry megabytes of base64
    /// attachments that add cost but little signal (headers and the start of the body decide the class), and a bound
    /// keeps the per-text cost, which is what gets metered, predictable.
    /// </summary>
    public int MaxTextLength { get; init; } = 20_000;

    /// <summary>Use 1 + ln(tf) instead of the raw count, so a word repeated 50 times does not drown the rest.</summary>
    public bool SublinearTf { get; init; } = true;

    /// <summary>idf = ln((1 + n) / (1 + df)) + 1 when set, ln(n / df) + 1 otherwise (scikit-learn's definitions).</summary>
    public bool SmoothIdf { get; init; } = true;

    /// <summary>Scale each vector to unit Euclidean length, so long and short texts are comparable.</summary>
    public bool L2Normalize { get; init; } = true;

    public int FeatureCount => 1 << HashBits;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is out of range and what it accepts.</summary>
    public void Validate()
    {
        if (HashBits is < MinHashBits or > MaxHashBits)
        {
            throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits,
                $"{nameof(HashedTfidfOptions)}.{nameof(HashBits)} must be between {MinHashBits} and {MaxHashBits} (18 = 262,144 features is the usual choice).");
        }

        ValidateRange(WordNGrams, nameof(WordNGrams), MaxWordNGramLength);
        ValidateRange(CharNGrams, nameof(CharNGrams), MaxCharNGramLength);
        if (WordNGrams is null && CharNGrams is null)
        {
            throw new ArgumentException(
                $"{nameof(HashedTfidfOptions)}: {nameof(WordNGrams)} and {nameof(CharNGrams)} are both off; enable at least one.",
                nameof(WordNGrams));
        }

        if (MaxTextLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTextLength), MaxTextLength,
                $"{nameof(HashedTfidfOptions)}.{nameof(MaxTextLength)} must be at least 1 (characters of each text to featurize).");
        }
    }

    private static void ValidateRange(NGramRange? range, string name, int maxLength)
    {
        if (range is { } r && (r.Min < 1 || r.Max < r.Min || r.Max > maxLength))
        {
            throw new ArgumentOutOfRangeException(name, r,
                $"{nameof(HashedTfidfOptions)}.{name} must satisfy 1 <= Min <= Max <= {maxLength} (got {r}); use null to turn these features off.");
        }
    }
}
