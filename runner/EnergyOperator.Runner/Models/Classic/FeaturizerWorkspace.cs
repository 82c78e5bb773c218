namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// Per-caller scratch for <see cref="HashedTfidfFeaturizer"/>: the normalized text, word boundaries, term counts and the
/// last featurized row. Reused across texts so the inference hot path allocates nothing; not thread-safe.
/// </summary>
internal sealed class FeaturizerWorkspace
{
    private char[] text = new char[256];
    private int[] wordStarts = new int[64];
    private int[] wordEnds = new int[64];
    private int[] indices = new int[256];
    private float[] values = new float[256];

    public TermCounter Counter { get; } = new();

    /// <summary>
    /// The normalized text: words separated by single spaces, with a space before the first and after the last word.
    /// Every word n-gram ("w1 w2") and every space-padded word (" w1 ") is therefore a contiguous span of it, which
    /// is what lets n-grams be hashed without building a string for each.
    /// </summary>
    public ReadOnlySpan<char> Text => text.AsSpan(0, TextLength);

    public int TextLength { get; private set; }

    public int WordCount { get; private set; }

    public ReadOnlySpan<int> WordStarts => wordStarts.AsSpan(0, WordCount);

    /// <summary>Exclusive end of each word in <see cref="Text"/>.</summary>
    public ReadOnlySpan<int> WordEnds => wordEnds.AsSpan(0, WordCount);

    /// <summary>Distinct feature indices of the last featurized text, in first-seen order until <see cref="SortRow"/>.</summary>
    public Span<int> Indices => indices.AsSpan(0, RowLength);

    public Span<float> Values => values.AsSpan(0, RowLength);

    public int RowLength { get; private set; }

    /// <summary>Splits the first <paramref name="maxLength"/> characters into words: maximal runs of letters and digits.</summary>
    public void Tokenize(string source, bool lowercase, int maxLength)
    {
        int length = Math.Min(source.Length, maxLength);
        EnsureLength(ref text, length + 2);
        // Words are separated by at least one character, so there are at most (length + 1) / 2 of them.
        EnsureLength(ref wordStarts, (length + 1) / 2);
        EnsureLength(ref wordEnds, (length + 1) / 2);

        char[] buffer = text;
        int position = 1;
        int words = 0;
        bool inWord = false;
        buffer[0] = ' ';
        for (int i = 0; i < length; i++)
        {
            char c = source[i];
            if (char.IsAsciiLetterOrDigit(c) || (c > '\x7f' && char.IsLetterOrDigit(c)))
            {
                if (!inWord)
                {
                    wordStarts[words] = position;
                    inWord = true;
                }

                buffer[position++] = lowercase ? char.ToLowerInvariant(c) : c;
            }
            else if (inWord)
            {
                wordEnds[words++] = position;
                buffer[position++] = ' ';
                inWord = false;
            }
        }

        if (inWord)
        {
            wordEnds[words++] = position;
            buffer[position++] = ' ';
        }

        TextLength = position;
        WordCount = words;
    }

    /// <summary>Moves the counted terms into <see cref="Indices"/>/<see cref="Values"/>.</summary>
    public void TakeCounts()
    {
        int count = Counter.Count;
        EnsureLength(ref indices, count);
        EnsureLength(ref values, count);
        RowLength = count;
        Counter.CopyTo(Indices, Values);
        Counter.Clear();
    }

    /// <summary>
    /// Orders the row by feature index. Only for rows that are kept (<see cref="SparseVector"/>): sorting costs about as
    /// much as featurizing, and neither the linear model nor the padded ONNX input depends on the order.
    /// </summary>
    public void SortRow() => Indices.Sort(Values);

    /// <summary>Drops all but the first <paramref name="length"/> entries of the row (after zero-weight terms were removed).</summary>
    public void TruncateRow(int length) => RowLength = length;

    private static void EnsureLength<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
