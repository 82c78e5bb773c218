using System.Text.Json;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.OpenAi;

namespace EnergyOperator.Cli.Serve;

/// <summary>A validated request: the prompt's ids and exactly how many tokens to generate.</summary>
internal sealed record GenerationJob(int[] Prompt, int MaxTokens, bool Stream, bool IncludeUsage)
{
    /// <exception cref="OpenAiProblem">A field is missing, out of range or unsupported; the problem names it.</exception>
    public static GenerationJob FromCompletion(CompletionRequest request, HostedModel model) =>
        Validate(request.Model, PromptIds(request.Prompt, model), request.MaxTokens, "max_tokens", request.Temperature, request.N, request.IgnoreEos, request.Stream, request.StreamOptions, model);

    /// <exception cref="OpenAiProblem">A field is missing, out of range or unsupported; the problem names it.</exception>
    public static GenerationJob FromChat(ChatCompletionRequest request, HostedModel model)
    {
        var (maxTokens, field) = request.MaxCompletionTokens is { } completion ? (completion, "max_completion_tokens") : (request.MaxTokens, "max_tokens");
        return Validate(
            request.Model, model.Encoder.Encode(ChatTemplate.Render(request.Messages)), maxTokens, field, request.Temperature, request.N, request.IgnoreEos, request.Stream, request.StreamOptions, model);
    }

    private static GenerationJob Validate(
        string? name, int[] prompt, int? maxTokens, string maxTokensField, double? temperature, int? n, bool? ignoreEos, bool stream, StreamOptions? streamOptions, HostedModel model)
    {
        model.Check(name);
        if (temperature is { } t && t != 0)
        {
            throw OpenAiProblem.Invalid("temperature", $"temperature {t} is not served: the engine decodes greedily, so send 0 or leave it out");
        }

        if (n is { } count && count != 1)
        {
            throw OpenAiProblem.Invalid("n", $"n {count} is not served: one choice per request");
        }

        if (ignoreEos == false)
        {
            throw OpenAiProblem.Invalid("ignore_eos", "ignore_eos false is not served: the engine always generates max_tokens tokens");
        }

        if (prompt.Length == 0)
        {
            throw OpenAiProblem.Invalid("prompt", "the prompt has no tokens");
        }

        var room = model.Context - prompt.Length;
        if (room < 1)
        {
            throw OpenAiProblem.Invalid("prompt", $"the prompt's {prompt.Length} tokens leave no room in the model's {model.Context} positions", "context_length_exceeded");
        }

        var tokens = maxTokens ?? Math.Min(model.DefaultMaxTokens, room);
        if (tokens < 1 || tokens > room)
        {
            throw OpenAiProblem.Invalid(
                maxTokensField, $"{maxTokensField} {tokens} is out of range: 1 … {room} (the model's {model.Context} positions less the prompt's {prompt.Length} tokens)", "context_length_exceeded");
        }

        return new GenerationJob(prompt, tokens, stream, streamOptions?.IncludeUsage == true);
    }

    private static int[] PromptIds(JsonElement prompt, HostedModel model)
    {
        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                return model.Encoder.Encode(prompt.GetString()!);
            case JsonValueKind.Array:
                var ids = new int[prompt.GetArrayLength()];
                var i = 0;
                foreach (var item in prompt.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id) || id < 0 || id >= model.VocabularySize)
                    {
                        throw OpenAiProblem.Invalid($"prompt[{i}]", $"prompt[{i}] is not a token id: ids are integers 0 … {model.VocabularySize - 1}");
                    }

                    ids[i++] = id;
                }

                return ids;
            default:
                throw OpenAiProblem.Malformed("prompt", "prompt must be a string or an array of token ids (one prompt per request)");
        }
    }
}
