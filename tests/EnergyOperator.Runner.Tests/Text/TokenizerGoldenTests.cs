using System.Security.Cryptography;
using System.Text;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Models.Pretrained;
using EnergyOperator.Runner.Tests.Fixtures;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Tests.Text;

/// <summary>The tokenizer against ids recorded elsewhere, over MiniLM's uncased BERT vocabulary.</summary>
public sealed class TokenizerGoldenTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("tokenizer-golden").FullName;

    /// <summary>
    /// Fixtures/Tokenizer/spam-assassin-1000.minilm-128.sha holds, per message, the first 16 hex digits of SHA-256 over its
    /// comma-joined ids (max length 128), written by the runner's own WordPiece before FastBertTokenizer replaced it.
    /// </summary>
    [Fact]
    public async Task Encode_FirstThousandSpamAssassinMessages_GivesTheIdsOfTheFormerWordPiece()
    {
        var golden = File.ReadAllLines(TestFixtures.PathOf("Tokenizer/spam-assassin-1000.minilm-128.sha"));
        var corpus = await SpamAssassinCorpus.LoadAsync();
        var encoder = await BertBatchEncoder.CreateAsync(new WordPieceOptions { VocabPath = Vocabulary(), MaxLength = 128 });
        var batch = new EncodedBatch();

        var mismatches = new List<int>();
        for (var i = 0; i < golden.Length; i++)
        {
            encoder.Encode([corpus.Samples[i].Text], batch);
            if (Hash(batch.InputIds.Span) != golden[i])
            {
                mismatches.Add(i);
            }
        }

        Assert.Equal(1000, golden.Length);
        Assert.Empty(mismatches);
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private string Vocabulary() => PretrainedModels.Extract(PretrainedModels.Get(BuiltinModels.AllMiniLmL6V2), _cache).VocabPath;

    private static string Hash(ReadOnlySpan<long> ids)
    {
        var joined = new StringBuilder();
        foreach (var id in ids)
        {
            joined.Append(joined.Length == 0 ? "" : ",").Append(id);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(joined.ToString())))[..16];
    }
}
