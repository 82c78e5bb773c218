using EnergyOperator.Runner.Tests.Fixtures;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Text;

public sealed class BertBatchEncoderTests
{
    // Ids in Fixtures/bert-vocab.txt.
    private const long Pad = 0, Cls = 2, Sep = 3, Un = 9, Runn = 10, Ing = 11, Hello = 16, World = 17, Aff = 18, Able = 19;

    private static Task<BertBatchEncoder> CreateAsync(int maxLength = 16, bool padToMaxLength = false) =>
        BertBatchEncoder.CreateAsync(new WordPieceOptions
        {
            VocabPath = TestFixtures.PathOf("bert-vocab.txt"),
            MaxLength = maxLength,
            PadToMaxLength = padToMaxLength,
        });

    [Fact]
    public async Task Encode_PadToLongest_LaysOutIdsMaskAndTypesRowMajor()
    {
        var encoder = await CreateAsync();
        var batch = new EncodedBatch();

        encoder.Encode(["Hello", "unaffable world"], batch);

        Assert.Equal((2, 6), (batch.BatchSize, batch.SequenceLength));
        Assert.Equal([Cls, Hello, Sep, Pad, Pad, Pad, Cls, Un, Aff, Able, World, Sep], batch.InputIds.ToArray());
        Assert.Equal([1L, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1], batch.AttentionMask.ToArray());
        Assert.Equal(new long[12], batch.TokenTypeIds.ToArray());
    }

    [Fact]
    public async Task Encode_PadToMaxLength_UsesMaxLengthForEveryBatch()
    {
        var encoder = await CreateAsync(maxLength: 5, padToMaxLength: true);
        var batch = new EncodedBatch();

        encoder.Encode(["hello"], batch);

        Assert.Equal((1, 5), (batch.BatchSize, batch.SequenceLength));
        Assert.Equal([Cls, Hello, Sep, Pad, Pad], batch.InputIds.ToArray());
        Assert.Equal([1L, 1, 1, 0, 0], batch.AttentionMask.ToArray());
    }

    [Fact]
    public async Task Encode_TextLongerThanMaxLength_TruncatesPiecesAndKeepsSep()
    {
        var encoder = await CreateAsync(maxLength: 5);
        var batch = new EncodedBatch();

        encoder.Encode(["running unaffable hello"], batch);

        Assert.Equal([Cls, Runn, Ing, Un, Sep], batch.InputIds.ToArray());
        Assert.Equal([1L, 1, 1, 1, 1], batch.AttentionMask.ToArray());
    }

    [Fact]
    public async Task Encode_EmptyText_YieldsClsAndSep()
    {
        var encoder = await CreateAsync();
        var batch = new EncodedBatch();

        encoder.Encode([""], batch);

        Assert.Equal([Cls, Sep], batch.InputIds.ToArray());
    }

    [Fact]
    public async Task Encode_SameShapeTwice_ReusesBuffersAndResetsMask()
    {
        var encoder = await CreateAsync(maxLength: 4, padToMaxLength: true);
        var batch = new EncodedBatch();
        encoder.Encode(["hello world"], batch);
        var inputIds = batch.InputIds;

        encoder.Encode(["hello"], batch);

        Assert.True(inputIds.Span.Overlaps(batch.InputIds.Span));
        Assert.Equal([Cls, Hello, Sep, Pad], batch.InputIds.ToArray());
        Assert.Equal([1L, 1, 1, 0], batch.AttentionMask.ToArray());
    }

    [Fact]
    public async Task Encode_ShorterBatchAfterLongerOne_ReusesBuffersAndExposesOnlyTheBatch()
    {
        var encoder = await CreateAsync(maxLength: 8);
        var batch = new EncodedBatch();
        encoder.Encode(["hello world", "unaffable world"], batch);
        var inputIds = batch.InputIds;

        encoder.Encode(["hello"], batch);

        Assert.True(inputIds.Span.Overlaps(batch.InputIds.Span));
        Assert.Equal([Cls, Hello, Sep], batch.InputIds.ToArray());
        Assert.Equal([1L, 1, 1], batch.AttentionMask.ToArray());
        Assert.Equal(new long[3], batch.TokenTypeIds.ToArray());
    }

    [Fact]
    public async Task Encode_EmptyBatch_Throws()
    {
        var encoder = await CreateAsync();

        Assert.Throws<ArgumentException>(() => encoder.Encode([], new EncodedBatch()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task CreateAsync_MaxLengthBelowTwo_ThrowsNamingTheSetting(int maxLength)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateAsync(maxLength));

        Assert.Equal(nameof(WordPieceOptions.MaxLength), error.ParamName);
        Assert.Contains("[CLS] and [SEP]", error.Message);
    }

    [Fact]
    public async Task Encode_BatchLargeEnoughToTokenizeInParallel_EqualsEncodingEachTextAlone()
    {
        var encoder = await CreateAsync(maxLength: 12);
        var texts = Enumerable.Range(0, BertBatchEncoder.ParallelBatchSize * 4)
            .Select(i => string.Join(' ', Enumerable.Repeat(i % 3 == 0 ? "hello" : "unaffable running world", i % 5)))
            .ToArray();
        var batch = new EncodedBatch();

        encoder.Encode(texts, batch);

        var single = new EncodedBatch();
        for (var row = 0; row < texts.Length; row++)
        {
            encoder.Encode([texts[row]], single);
            var expected = new long[batch.SequenceLength];
            single.InputIds.Span.CopyTo(expected);
            Assert.Equal(expected, batch.InputIds.Slice(row * batch.SequenceLength, batch.SequenceLength).ToArray());
        }

        Assert.Equal(12, batch.SequenceLength);
    }
}
