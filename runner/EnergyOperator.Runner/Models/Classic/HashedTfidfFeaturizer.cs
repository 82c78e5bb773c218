namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// Hashed TF-IDF over word and character n-grams (see <see cref="HashedTfidfOptions"/> for the text rules).
/// Each n-gram is hashed with MurmurHash3 over its UTF-16 code units and masked to <see cref="FeatureCount"/> buckets;
/// word and character n-grams use different seeds so that, e.g., the word "the" and the character trigram "the" land
/// in unrelated buckets. Hashing is unsigned: every value stays a non-negative TF-IDF weight, so a bucket's document
/// frequency is well defined and the rare collisions at 2^18 buckets merely merge two features for the linear model.
/// Buckets never seen while fitting get IDF 0 and are dropped: the model has learned nothing for them, and keeping
/// them would only shrink the known features through L2 normalisation.
/// The fitted state is immutable, so one featurizer can serve many threads, each with its own <see cref="SparseBatch"/>.
/// </summary>
public sealed class HashedTfidfFeaturizer
{
    internal const uint WordSeed = 0x776f7264; // "word"
    internal const uint CharSeed = 0x63686172; // "char"

    private readonly float[] idf;
    private readonly int mask;

    internal HashedTfidfFeaturizer(HashedTfidfOptions options, int documentCount, float[] idf)
    {
        options.Validate();
        if (idf.Length != options.FeatureCount)
        {
            throw new ArgumentException($"The IDF table has {idf.Length} entries but {nameof(HashedTfidfOptions.HashBits)} = {options.HashBits} needs {options.FeatureCount}.", nameof(idf));
        }

        Options = options;
        DocumentCount = documentCount;
        this.idf = idf;
        mask = options.FeatureCount - 1;
    }

    public HashedTfidfOptions Options { get; }

    public int FeatureCount => idf.Length;

    /// <summary>Number of texts the IDF table was fitted on.</summary>
    public int DocumentCount { get; }

    /// <summary>IDF per feature index; 0 for buckets that no fitted text produced.</summary>
    public ReadOnlyMemory<float> InverseDocumentFrequencies => idf;

    /// <summary>Computes document frequencies over <paramref name="texts"/> and returns the fitted featurizer.</summary>
    public static HashedTfidfFeaturizer Fit(IReadOnlyList<string> texts, HashedTfidfOptions? options = null) =>
        FitTransform(texts, options ?? new HashedTfidfOptions()).Featurizer;

    /// <summary>Fits the IDF table and featurizes the same texts in one tokenizing pass (what training needs).</summary>
    internal static (HashedTfidfFeaturizer Featurizer, SparseVector[] Rows) FitTransform(IReadOnlyList<string> texts, HashedTfidfOptions options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options.Validate();
        if (texts.Count == 0)
        {
            throw new ArgumentException("At least one text is needed to fit the IDF table.", nameof(texts));
        }

        // Checked up front so a null surfaces as itself rather than wrapped in Parallel.For's AggregateException.
        for (int i = 0; i < texts.Count; i++)
        {
            TextAt(texts, i);
        }

        int featureMask = options.FeatureCount - 1;
        var counts = new (int[] Indices, float[] Counts)[texts.Count];
        Parallel.For(0, texts.Count, () => new FeaturizerWorkspace(), (i, _, workspace) =>
        {
            CountTerms(texts[i], options, featureMask, workspace);
            workspace.SortRow();
            counts[i] = (workspace.Indices.ToArray(), workspace.Values.ToArray());
            return workspace;
        }, static _ => { });

        var documentFrequencies = new int[options.FeatureCount];
        foreach (var (indices, _) in counts)
        {
            foreach (int index in indices)
            {
                documentFrequencies[index]++;
            }
        }

        var featurizer = new HashedTfidfFeaturizer(options, texts.Count, ComputeIdf(documentFrequencies, texts.Count, options.SmoothIdf));
        var rows = new SparseVector[texts.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var (indices, values) = counts[i];
            // Every bucket of a fitted text has df >= 1, so weighting keeps all entries and the arrays are used as-is.
            featurizer.Weigh(indices, values);
            rows[i] = new SparseVector(indices, values);
        }

        return (featurizer, rows);
    }

    /// <summary>Featurizes one text into a new vector. Allocates; use the <see cref="SparseBatch"/> overload on hot paths.</summary>
    public SparseVector Transform(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var workspace = new FeaturizerWorkspace();
        Featurize(text, workspace);
        workspace.SortRow();
        return new SparseVector(workspace.Indices.ToArray(), workspace.Values.ToArray());
    }

    /// <summary>
    /// Featurizes <paramref name="texts"/> into <paramref name="batch"/>, reusing its buffers. Each row holds the same
    /// entries as <see cref="Transform(string)"/> gives, but in no particular order (sorting would double the cost).
    /// </summary>
    public void Transform(IReadOnlyList<string> texts, SparseBatch batch)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(batch);
        batch.BeginFill(texts.Count);
        FeaturizerWorkspace workspace = batch.Workspace;
        for (int i = 0; i < texts.Count; i++)
        {
            Featurize(TextAt(texts, i), workspace);
            batch.StageRow(i, workspace.Indices, workspace.Values);
        }

        batch.CompleteFill();
    }

    /// <summary>Leaves the TF-IDF row of <paramref name="text"/>, unsorted, in the workspace's Indices/Values.</summary>
    internal void Featurize(string text, FeaturizerWorkspace workspace)
    {
        CountTerms(text, Options, mask, workspace);
        workspace.TruncateRow(Weigh(workspace.Indices, workspace.Values));
    }

    private static void CountTerms(string text, HashedTfidfOptions options, int featureMask, FeaturizerWorkspace workspace)
    {
        workspace.Tokenize(text, options.Lowercase, options.MaxTextLength);
        ReadOnlySpan<char> normalized = workspace.Text;
        ReadOnlySpan<int> starts = workspace.WordStarts;
        ReadOnlySpan<int> ends = workspace.WordEnds;
        TermCounter counter = workspace.Counter;

        if (options.WordNGrams is { } words)
        {
            for (int first = 0; first < starts.Length; first++)
            {
                int lastLength = Math.Min(words.Max, starts.Length - first);
                for (int n = words.Min; n <= lastLength; n++)
                {
                    var ngram = normalized[starts[first]..ends[first + n - 1]];
                    counter.Add((int)(StableHash.Murmur3(ngram, WordSeed) & (uint)featureMask));
                }
            }
        }

        if (options.CharNGrams is { } chars)
        {
            for (int word = 0; word < starts.Length; word++)
            {
                // The word with the spaces on either side of it: " word ".
                var padded = normalized[(starts[word] - 1)..(ends[word] + 1)];
                int longest = Math.Min(chars.Max, padded.Length);
                for (int n = chars.Min; n <= longest; n++)
                {
                    for (int offset = 0; offset + n <= padded.Length; offset++)
                    {
                        counter.Add((int)(StableHash.Murmur3(padded.Slice(offset, n), CharSeed) & (uint)featureMask));
                    }
                }
            }
        }

        workspace.TakeCounts();
    }

    /// <summary>Turns term counts into TF-IDF weights in place, dropping zero-IDF terms; returns the entries kept.</summary>
    private int Weigh(Span<int> indices, Span<float> values)
    {
        bool sublinear = Options.SublinearTf;
        int kept = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            float weight = idf[indices[i]];
            if (weight == 0f)
            {
                continue;
            }

            float count = values[i];
            float value = (sublinear ? 1f + MathF.Log(count) : count) * weight;
            indices[kept] = indices[i];
            values[kept] = value;
            sumOfSquares += (double)value * value;
            kept++;
        }

        if (Options.L2Normalize && sumOfSquares > 0)
        {
            float scale = (float)(1.0 / Math.Sqrt(sumOfSquares));
            for (int i = 0; i < kept; i++)
            {
                values[i] *= scale;
            }
        }

        return kept;
    }

    private static float[] ComputeIdf(int[] documentFrequencies, int documentCount, bool smooth)
    {
        var idf = new float[documentFrequencies.Length];
        for (int i = 0; i < idf.Length; i++)
        {
            int df = documentFrequencies[i];
            if (df > 0)
            {
                idf[i] = (float)(smooth
                    ? Math.Log((1.0 + documentCount) / (1.0 + df)) + 1.0
                    : Math.Log((double)documentCount / df) + 1.0);
            }
        }

        return idf;
    }

    internal static string TextAt(IReadOnlyList<string> texts, int index) =>
        texts[index] ?? throw new ArgumentException($"texts[{index}] is null; pass an empty string for an empty text.", nameof(texts));
}
