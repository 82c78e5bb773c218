using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.OpenAi;

namespace EnergyOperator.Runner.Models.Served;

/// <summary>One streamed answer, timed from the request's start.</summary>
/// <param name="CompletionTokens">The server's usage count when it gives one, else the chunks that carried a token.</param>
public sealed record StreamedAnswer(string Text, int CompletionTokens, TimeSpan FirstToken, TimeSpan Total);

/// <summary>
/// Drives one model of an OpenAI-compatible server: greedy (temperature 0), streamed, so that each answer's time to first token
/// is seen. Any refusal or broken stream is an <see cref="InvalidDataException"/> naming the server and what it said.
/// </summary>
public sealed class OpenAiClient(HttpClient http, Uri baseUrl, string model, ServerApi api, TimeProvider timeProvider)
{
    private const string DataPrefix = "data: ";

    public Uri BaseUrl => baseUrl;

    /// <summary>The model's card once <c>/v1/models</c> answers; null if the server lists other models only.</summary>
    /// <exception cref="TimeoutException">No answer from <c>/v1/models</c> within <paramref name="timeout"/>.</exception>
    public async Task<(ModelCard? Card, IReadOnlyList<string> Served)> WaitForModelAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * timeProvider.TimestampFrequency);
        string? last = null;
        while (timeProvider.GetTimestamp() < deadline)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                var list = await http.GetFromJsonAsync(new Uri(baseUrl, "v1/models"), OpenAiJsonContext.Default.ModelList, attempt.Token);
                var served = list?.Data.Select(card => card.Id).ToList() ?? [];
                return (list?.Data.FirstOrDefault(card => card.Id == model), served);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A model server starts after the runner in a pod and loads its weights before it answers: try again.
                last = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken);
        }

        throw new TimeoutException($"{baseUrl}v1/models did not answer within {timeout.TotalSeconds:0} s (last: {last ?? "nothing"})");
    }

    /// <summary>One streamed request: <paramref name="promptIds"/> as token ids when given and the API is completions, else
    /// <paramref name="text"/> (chat: as one user message).</summary>
    /// <param name="ignoreEos">Ask the server (vLLM's extension, energyctl serve) to generate exactly <paramref name="maxTokens"/>.</param>
    public Task<StreamedAnswer> CompleteAsync(int[]? promptIds, string text, int maxTokens, bool ignoreEos, CancellationToken cancellationToken)
    {
        var body = api == ServerApi.Chat
            ? JsonSerializer.SerializeToUtf8Bytes(
                new ChatCompletionRequest
                {
                    Model = model, Messages = [new ChatMessage("user", text)], MaxTokens = maxTokens, Temperature = 0, Stream = true,
                    StreamOptions = new StreamOptions(IncludeUsage: true), IgnoreEos = ignoreEos ? true : null,
                },
                OpenAiJsonContext.Default.ChatCompletionRequest)
            : JsonSerializer.SerializeToUtf8Bytes(
                new CompletionRequest
                {
                    Model = model, Prompt = promptIds is null ? JsonSerializer.SerializeToElement(text, OpenAiJsonContext.Default.String) : JsonSerializer.SerializeToElement(promptIds, OpenAiJsonContext.Default.Int32Array),
                    MaxTokens = maxTokens, Temperature = 0, Stream = true, StreamOptions = new StreamOptions(IncludeUsage: true), IgnoreEos = ignoreEos ? true : null,
                },
                OpenAiJsonContext.Default.CompletionRequest);
        return StreamAsync(body, cancellationToken);
    }

    private async Task<StreamedAnswer> StreamAsync(byte[] body, CancellationToken cancellationToken)
    {
        var path = api == ServerApi.Chat ? "v1/chat/completions" : "v1/completions";
        var started = timeProvider.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidDataException($"{baseUrl}{path} answered {(int)response.StatusCode}: {error[..Math.Min(error.Length, 500)]}");
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            var text = new StringBuilder();
            TimeSpan? firstToken = null;
            var chunks = 0;
            int? usageTokens = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith(DataPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var data = line[DataPrefix.Length..];
                if (data == "[DONE]")
                {
                    return new StreamedAnswer(text.ToString(), usageTokens ?? chunks, firstToken ?? timeProvider.GetElapsedTime(started), timeProvider.GetElapsedTime(started));
                }

                var (piece, usage) = Parse(data);
                usageTokens = usage?.CompletionTokens ?? usageTokens;
                if (piece is not null)
                {
                    firstToken ??= timeProvider.GetElapsedTime(started);

                    chunks++;
                    text.Append(piece);
                }
            }

            throw new InvalidDataException($"{baseUrl}{path} ended its stream without data: [DONE]");
        }
        catch (HttpRequestException e)
        {
            throw new InvalidDataException($"{baseUrl}{path} failed: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{baseUrl}{path} sent a chunk that is not OpenAI's JSON: {e.Message}", e);
        }
    }

    /// <summary>A chunk's new text (null for chat's role-only opening and usage-only chunks) and usage.</summary>
    private (string? Piece, Usage? Usage) Parse(string data)
    {
        if (api == ServerApi.Chat)
        {
            var chunk = JsonSerializer.Deserialize(data, OpenAiJsonContext.Default.ChatCompletionChunk);
            // A role-only opening ("assistant", "") carries no token; some servers repeat the role on every chunk with its content.
            var delta = chunk?.Choices is [{ Delta: { } d }, ..] ? (d.Role is null ? d.Content ?? "" : string.IsNullOrEmpty(d.Content) ? null : d.Content) : null;
            return (delta, chunk?.Usage);
        }

        var completion = JsonSerializer.Deserialize(data, OpenAiJsonContext.Default.CompletionResponse);
        return (completion?.Choices is [{ } choice, ..] ? choice.Text : null, completion?.Usage);
    }
}
