using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Runner.OpenAi;

// The OpenAI wire format, as far as the server reads and writes it. Fields a request has that are not here (top_p, stop …)
// are ignored; the ones here are validated by energyctl serve; the runner's client writes and reads them too.

public sealed record CompletionRequest
{
    public string? Model { get; init; }

    /// <summary>A string, or an array of token ids.</summary>
    public JsonElement Prompt { get; init; }

    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public int? N { get; init; }
    public bool Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>vLLM's extension; this engine never stops at the end-of-sequence token, so only true (or absent) is accepted.</summary>
    public bool? IgnoreEos { get; init; }
}

public sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public IReadOnlyList<ChatMessage?>? Messages { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public double? Temperature { get; init; }
    public int? N { get; init; }
    public bool Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public bool? IgnoreEos { get; init; }
}

public sealed record ChatMessage(string? Role, string? Content);

public sealed record StreamOptions(bool IncludeUsage);

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens);

public sealed record CompletionChoice(int Index, string Text, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

public sealed record CompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<CompletionChoice> Choices,
    Usage? Usage);

public sealed record ChatChoice(int Index, ChatMessage Message, string FinishReason);

public sealed record ChatCompletionResponse(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoice> Choices, Usage Usage);

public sealed record ChatDelta(string? Role, string? Content);

public sealed record ChatChunkChoice(int Index, ChatDelta Delta, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);

public sealed record ChatCompletionChunk(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChunkChoice> Choices,
    Usage? Usage);

public sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

/// <summary>One served model; <c>max_model_len</c> as vLLM names it, <c>random_weights</c> from provenance.json (then its
/// answers mean nothing and a benchmark reports energy only).</summary>
public sealed record ModelCard(string Id, string Object, long Created, string OwnedBy, int? MaxModelLen, bool RandomWeights);

public sealed record ErrorResponse(ErrorBody Error);

/// <summary>OpenAI's error object: <c>param</c> and <c>code</c> are written even when null, as OpenAI does.</summary>
public sealed record ErrorBody(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(string))]
public sealed partial class OpenAiJsonContext : JsonSerializerContext;
