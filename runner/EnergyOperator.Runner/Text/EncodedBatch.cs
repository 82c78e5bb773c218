namespace EnergyOperator.Runner.Text;

/// <summary>
/// BERT model inputs for a batch, each a row-major [<see cref="BatchSize"/>, <see cref="SequenceLength"/>] array.
/// One instance is meant to be reused across batches: its arrays are only reallocated when the shape's size changes,
/// and every <see cref="BertBatchEncoder.Encode"/> overwrites them.
/// </summary>
public sealed class EncodedBatch
{
    private readonly List<List<int>> _rows = [];

    public int BatchSize { get; private set; }

    public int SequenceLength { get; private set; }

    public long[] InputIds { get; private set; } = [];

    /// <summary>1 for real tokens, 0 for padding.</summary>
    public long[] AttentionMask { get; private set; } = [];

    /// <summary>All zeros: every text is a single segment.</summary>
    public long[] TokenTypeIds { get; private set; } = [];

    /// <summary>
    /// Per-text token id lists, at least <paramref name="count"/> of them and emptied, kept here so that the
    /// encoder itself stays stateless and thread-safe.
    /// </summary>
    internal IReadOnlyList<List<int>> ClearRows(int count)
    {
        while (_rows.Count < count)
        {
            _rows.Add([]);
        }

        foreach (List<int> row in _rows)
        {
            row.Clear();
        }

        return _rows;
    }

    internal void Reshape(int batchSize, int sequenceLength)
    {
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
        int size = batchSize * sequenceLength;
        if (InputIds.Length == size)
        {
            Array.Clear(AttentionMask);
            return;
        }

        InputIds = new long[size];
        AttentionMask = new long[size];
        TokenTypeIds = new long[size];
    }
}
