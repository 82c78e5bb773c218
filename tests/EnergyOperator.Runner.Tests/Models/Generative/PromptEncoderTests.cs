using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Tests.Models.Generative;

public sealed class PromptEncoderTests
{
    /// <summary>A byte-level BPE whose merges build "hello" and " hello" (Ġ is the byte-level space).</summary>
    private const string TinyByteLevelBpe = """
        {
          "version": "1.0",
          "pre_tokenizer": { "type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true },
          "model": {
            "type": "BPE",
            "vocab": { "h": 0, "e": 1, "l": 2, "o": 3, "Ġ": 4, "he": 5, "ll": 6, "hell": 7, "hello": 8, "Ġhello": 9, "<|endoftext|>": 10 },
            "merges": ["h e", "l l", "he ll", "hell o", ["Ġ", "hello"]]
          }
        }
        """;

    [Fact]
    public void The_gpt2_encoder_gives_gpt2_ids()
    {
        var encoder = PromptEncoder.Gpt2();

        // "Hello world" is [15496, 995] in GPT-2's vocabulary.
        Assert.Equal([15496, 995], encoder.Encode("Hello world"));
        Assert.Equal(50_257, encoder.VocabularySize);
    }

    [Fact]
    public void A_byte_level_bpe_tokenizer_json_applies_its_merges_in_order()
    {
        var encoder = PromptEncoder.FromTokenizerJson(TinyByteLevelBpe);

        Assert.Equal([8, 9], encoder.Encode("hello hello"));
        Assert.Equal([0, 3, 2, 1], encoder.Encode("hole"));
        Assert.Equal(11, encoder.VocabularySize);
    }

    [Theory]
    [InlineData("""{ "model": { "type": "WordPiece", "vocab": {} }, "pre_tokenizer": { "type": "BertPreTokenizer" } }""", "WordPiece model with a BertPreTokenizer")]
    [InlineData("""{ "model": { "type": "BPE", "vocab": {}, "merges": [] }, "pre_tokenizer": { "type": "Metaspace" } }""", "BPE model with a Metaspace")]
    [InlineData("""{ "model": { "type": "BPE" } }""", "missing pre-tokenizer")]
    [InlineData("""{ "model": { "type": "BPE", "vocab": { "a": 0 }, "merges": [] }, "pre_tokenizer": { "type": "ByteLevel" } }""", "no <|endoftext|>")]
    [InlineData("""[1, 2]""", "is not a byte-level BPE tokenizer the runner can read")]
    [InlineData("""not json""", "is not a byte-level BPE tokenizer the runner can read")]
    [InlineData("""{ "model": { "type": "BPE", "vocab": { "<|endoftext|>": "zero" }, "merges": [[]] }, "pre_tokenizer": { "type": "ByteLevel" } }""", "is not a byte-level BPE tokenizer the runner can read")]
    public void Another_kind_of_tokenizer_is_refused_saying_what_it_is(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => PromptEncoder.FromTokenizerJson(json));

        Assert.Contains(message, error.Message);
    }
}
