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

        SparseVector first = Featurizer.Transform("a b");
        SparseVector second = Featurizer.Transform("b");
        long[] expectedIndices = [first.Indices[0], first.Indices[1], second.Indices[0], 0, 0, 0];
        float[] expectedValues = [first.Values[0], first.Values[1], second.Values[0], 0f, 0f, 0f];
        Assert.Equal(expectedIndices, batch.Indices.AsSpan(0, batch.Length).ToArray());
        Assert.Equal(expectedValues, batch.Values.AsSpan(0, batch.Length).ToArray());
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
        Assert.Equal(Featurizer.Transform("a b").Indices.ToArray().Select(i => (long)i), batch.RowIndices(1).ToArray());
    }

    [Fact]
    public void RowLength_OutsideTheBatch_Throws()
    {
        var batch = new SparseBatch();
        Featurizer.Transform(["a"], batch);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.RowLength(1));
    }
}
