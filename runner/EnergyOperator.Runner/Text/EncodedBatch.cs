namespace EnergyOperator.Runner.Text;

/// <summary>
/// BERT model inputs for a batch, each a row-major [<see cref="BatchSize"/>, <see cref="SequenceLength"/>] tensor.
/// One instance is meant to be reused across batches: with dynamic padding the shape changes almost every batch, so the
/// buffers only grow, and every <see cref="BertBatchEncoder.Encode"/> overwrites the part that is the batch.
/// </summary>
public sealed class EncodedBatch
{
    private long[] _inputIds = [];
    private long[] _attentionMask = [];
    private long[] _tokenTypeIds = [];

    public int BatchSize { get; private set; }

    public int SequenceLength { get; private set; }

    /// <summary><see cref="BatchSize"/> × <see cref="SequenceLength"/>: the element count of each tensor.</summary>
    public int Length => BatchSize * SequenceLength;

    public Memory<long> InputIds => _inputIds.AsMemory(0, Length);

    /// <summary>1 for real tokens, 0 for padding.</summary>
    public Memory<long> AttentionMask => _attentionMask.AsMemory(0, Length);

    /// <summary>All zeros: every text is a single segment.</summary>
    public Memory<long> TokenTypeIds => _tokenTypeIds.AsMemory(0, Length);

    /// <summary>Sets the shape, growing the buffers when they are too small; the encoder overwrites every id and mask value.</summary>
    internal void Reshape(int batchSize, int sequenceLength)
    {
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
        if (_inputIds.Length < Length)
        {
            _inputIds = new long[Length];
            _attentionMask = new long[Length];
            _tokenTypeIds = new long[Length];
        }
    }
}
