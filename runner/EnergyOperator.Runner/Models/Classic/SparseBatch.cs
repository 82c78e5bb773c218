namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// A batch of featurized texts in the padded layout the exported ONNX model takes: <see cref="Indices"/> (int64) and
/// <see cref="Values"/> (float) hold a row-major [<see cref="Count"/>, <see cref="Width"/>] tensor in their first
/// <see cref="Length"/> elements. A row's entries are distinct feature indices in no particular order, padded after the
/// last one with index 0 and value 0, which adds nothing to a linear model. Fill it with <see cref="HashedTfidfFeaturizer.Transform(IReadOnlyList{string}, SparseBatch)"/>.
/// The buffers grow as needed and are reused by the next fill (so keep one batch per caller); not thread-safe.
/// </summary>
public sealed class SparseBatch
{
    private long[] indices = [];
    private float[] values = [];
    private int[] rowLengths = [];

    // Rows are featurized into a flat staging area first because the width is only known once every row is.
    private int[] stagedIndices = new int[1024];
    private float[] stagedValues = new float[1024];
    private int stagedLength;

    internal FeaturizerWorkspace Workspace { get; } = new();

    public int Count { get; private set; }

    /// <summary>The largest number of features in any row of the batch, and at least 1 so the tensor is never empty.</summary>
    public int Width { get; private set; }

    /// <summary>Elements of <see cref="Indices"/> and <see cref="Values"/> that belong to the batch: Count × Width.</summary>
    public int Length => Count * Width;

    /// <summary>Reused buffer; only the first <see cref="Length"/> elements are the batch.</summary>
    public long[] Indices => indices;

    /// <summary>Reused buffer; only the first <see cref="Length"/> elements are the batch.</summary>
    public float[] Values => values;

    /// <summary>Number of real (unpadded) features in <paramref name="row"/>.</summary>
    public int RowLength(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return rowLengths[row];
    }

    public ReadOnlySpan<long> RowIndices(int row) => indices.AsSpan(row * Width, RowLength(row));

    public ReadOnlySpan<float> RowValues(int row) => values.AsSpan(row * Width, RowLength(row));

    internal void BeginFill(int count)
    {
        Count = count;
        stagedLength = 0;
        if (rowLengths.Length < count)
        {
            rowLengths = new int[count];
        }
    }

    internal void StageRow(int row, ReadOnlySpan<int> rowIndices, ReadOnlySpan<float> rowValues)
    {
        int needed = stagedLength + rowIndices.Length;
        if (stagedIndices.Length < needed)
        {
            int capacity = Math.Max(needed, stagedIndices.Length * 2);
            Array.Resize(ref stagedIndices, capacity);
            Array.Resize(ref stagedValues, capacity);
        }

        rowIndices.CopyTo(stagedIndices.AsSpan(stagedLength));
        rowValues.CopyTo(stagedValues.AsSpan(stagedLength));
        stagedLength = needed;
        rowLengths[row] = rowIndices.Length;
    }

    internal void CompleteFill()
    {
        int width = 1;
        for (int row = 0; row < Count; row++)
        {
            width = Math.Max(width, rowLengths[row]);
        }

        Width = width;
        if (indices.Length < Length)
        {
            indices = new long[Length];
            values = new float[Length];
        }

        int staged = 0;
        for (int row = 0; row < Count; row++)
        {
            int length = rowLengths[row];
            Span<long> rowIndices = indices.AsSpan(row * width, width);
            Span<float> rowValues = values.AsSpan(row * width, width);
            for (int i = 0; i < length; i++)
            {
                rowIndices[i] = stagedIndices[staged + i];
            }

            stagedValues.AsSpan(staged, length).CopyTo(rowValues);
            rowIndices[length..].Clear();
            rowValues[length..].Clear();
            staged += length;
        }
    }
}
