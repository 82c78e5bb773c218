using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Tests.Models.Classic;

public sealed class SparseBatchTests
{
    private static readonly HashedTfidfFeaturizer Featurizer = HashedTfidfFeaturizer.Fit(
        ["a b", "a"], new HashedTfidfOptions { WordNGrams = new(1, 1), CharNGrams = null });

    [Fact]
    public void Transform_PadsEveryRowToTheWidestWithIndexZeroAndValueZero()
    {
        var batch = new SparseBatch();

        Featurizer.Transform(["a b", "b", ""], batch);

        Assert.Equal(3, batch.Count);
        Assert.Equal(2, batch.Width);
        Assert.Equal(6, batch.Length);
        Assert.Equal([2, 1, 0], new[] { batch.RowLength(0), batch.RowLength(1), batch.RowLength(2) });

        AssertRowHolds(batch, 0, Featurizer.Transform("a b"));
        AssertRowHolds(batch, 1, Featurizer.Transform("b"));
        Assert.Equal([0L, 0L, 0L], batch.Indices.AsSpan(3, 3).ToArray());
        Assert.Equal([0f, 0f, 0f], batch.Values.AsSpan(3, 3).ToArray());
    }

    [Fact]
    public void Transform_OfOnlyEmptyTexts_KeepsWidthOne()
    {
        var batch = new SparseBatch();

        Featurizer.Transform(["", "?!"], batch);

        Assert.Equal(1, batch.Width);
        Assert.Equal([0L, 0L], batch.Indices.AsSpan(0, batch.Length).ToArray());
        Assert.Equal([0f, 0f], batch.Values.AsSpan(0, batch.Length).ToArray());
    }

    [Fact]
    public void Refilling_WithASmallerBatch_ReusesTheBuffersAndClearsOldPadding()
    {
        var batch = new SparseBatch();
        Featurizer.Transform(["a b", "a b", "a b"], batch);
        long[] buffer = batch.Indices;

        Featurizer.Transform(["a", "a b"], batch);

        Assert.Same(buffer, batch.Indices);
        Assert.Equal(2, batch.Count);
        Assert.Equal(2, batch.Width);
        Assert.Equal(0L, batch.Indices[1]);
        Assert.Equal(0f, batch.Values[1]);
        AssertRowHolds(batch, 1, Featurizer.Transform("a b"));
    }

    [Fact]
    public void RowLength_OutsideTheBatch_Throws()
    {
        var batch = new SparseBatch();
        Featurizer.Transform(["a"], batch);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.RowLength(1));
    }

    /// <summary>The row holds the vector's entries (in any order) followed by padding up to the batch width.</summary>
    private static void AssertRowHolds(SparseBatch batch, int row, SparseVector expected)
    {
        Assert.Equal(expected.Count, batch.RowLength(row));
        var actual = batch.RowIndices(row).ToArray().Zip(batch.RowValues(row).ToArray()).OrderBy(entry => entry.First);
        var wanted = expected.Indices.ToArray().Select(index => (long)index).Zip(expected.Values.ToArray());
        Assert.Equal(wanted, actual);
        Assert.All(batch.Indices.AsSpan(row * batch.Width + expected.Count, batch.Width - expected.Count).ToArray(), index => Assert.Equal(0L, index));
        Assert.All(batch.Values.AsSpan(row * batch.Width + expected.Count, batch.Width - expected.Count).ToArray(), value => Assert.Equal(0f, value));
    }
}
