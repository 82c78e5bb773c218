using System.Text.Json;
using EnergyOperator.Runner.OpenAi;

namespace EnergyOperator.Cli.Serve;

/// <summary>What every answer carries: OpenAI's id, creation time and model name.</summary>
internal sealed record AnswerHeader(string Id, long Created, string Model);

/// <summary>How one endpoint shapes its answer: whole, or as server-sent-event chunks.</summary>
internal interface IAnswerWriter
{
    byte[] Whole(AnswerHeader header, string text, Usage usage);

    /// <summary>The chunk before any token (chat's role), or null.</summary>
    byte[]? Opening(AnswerHeader header);

    byte[] Token(AnswerHeader header, string text, string? finishReason);

    /// <summary>The usage chunk <c>stream_options.include_usage</c> asks for: no choices.</summary>
    byte[] Usage(AnswerHeader header, Usage usage);
}

internal sealed class CompletionAnswers : IAnswerWriter
{
    private const string Object = "text_completion";

    public byte[] Whole(AnswerHeader header, string text, Usage usage) => Serialize(header, [new CompletionChoice(0, text, "length")], usage);

    public byte[]? Opening(AnswerHeader header) => null;

    public byte[] Token(AnswerHeader header, string text, string? finishReason) => Serialize(header, [new CompletionChoice(0, text, finishReason)], null);

    public byte[] Usage(AnswerHeader header, Usage usage) => Serialize(header, [], usage);

    private static byte[] Serialize(AnswerHeader header, IReadOnlyList<CompletionChoice> choices, Usage? usage) =>
        JsonSerializer.SerializeToUtf8Bytes(new CompletionResponse(header.Id, Object, header.Created, header.Model, choices, usage), OpenAiJsonContext.Default.CompletionResponse);
}

internal sealed class ChatAnswers : IAnswerWriter
{
    private const string Assistant = "assistant";
    private const string ChunkObject = "chat.completion.chunk";

    public byte[] Whole(AnswerHeader header, string text, Usage usage) => JsonSerializer.SerializeToUtf8Bytes(
        new ChatCompletionResponse(header.Id, "chat.completion", header.Created, header.Model, [new ChatChoice(0, new ChatMessage(Assistant, text), "length")], usage),
        OpenAiJsonContext.Default.ChatCompletionResponse);

    public byte[]? Opening(AnswerHeader header) => Chunk(header, [new ChatChunkChoice(0, new ChatDelta(Assistant, ""), null)], null);

    public byte[] Token(AnswerHeader header, string text, string? finishReason) => Chunk(header, [new ChatChunkChoice(0, new ChatDelta(null, text), finishReason)], null);

    public byte[] Usage(AnswerHeader header, Usage usage) => Chunk(header, [], usage);

    private static byte[] Chunk(AnswerHeader header, IReadOnlyList<ChatChunkChoice> choices, Usage? usage) =>
        JsonSerializer.SerializeToUtf8Bytes(new ChatCompletionChunk(header.Id, ChunkObject, header.Created, header.Model, choices, usage), OpenAiJsonContext.Default.ChatCompletionChunk);
}
