using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using EnergyOperator.Runner.OpenAi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Cli.Serve;

/// <summary>
/// <c>GET /v1/models</c>, <c>POST /v1/completions</c>, <c>POST /v1/chat/completions</c> and <c>GET /health</c>. Bodies are read
/// here rather than bound by the framework, so that every refusal is OpenAI's error JSON naming the field, never a 500.
/// </summary>
internal static class OpenAiEndpoints
{
    private static readonly byte[] EventPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static void MapOpenAiEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapGet("/v1/models", (HostedModel model) => TypedResults.Json(new ModelList("list", [model.Card]), OpenAiJsonContext.Default.ModelList));
        app.MapPost("/v1/completions", context => AnswerAsync(context, OpenAiJsonContext.Default.CompletionRequest, GenerationJob.FromCompletion, new CompletionAnswers()));
        app.MapPost("/v1/chat/completions", context => AnswerAsync(context, OpenAiJsonContext.Default.ChatCompletionRequest, GenerationJob.FromChat, new ChatAnswers()));
    }

    public static Task WriteProblemAsync(HttpContext context, OpenAiProblem problem)
    {
        context.Response.StatusCode = problem.Status;
        return context.Response.WriteAsJsonAsync(problem.Body, OpenAiJsonContext.Default.ErrorResponse, cancellationToken: CancellationToken.None);
    }

    private static async Task AnswerAsync<TRequest>(
        HttpContext context, JsonTypeInfo<TRequest> requestType, Func<TRequest, HostedModel, GenerationJob> validate, IAnswerWriter answers)
    {
        var services = context.RequestServices;
        var model = services.GetRequiredService<HostedModel>();
        var generator = services.GetRequiredService<SerialGenerator>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OpenAiEndpoints));
        var path = context.Request.Path.Value ?? "";
        var cancellationToken = context.RequestAborted;
        var started = timeProvider.GetTimestamp();
        try
        {
            var job = validate(await ReadAsync(context.Request, requestType, cancellationToken), model);
            var header = new AnswerHeader($"cmpl-{Guid.NewGuid():N}", timeProvider.GetUtcNow().ToUnixTimeSeconds(), model.Name);
            var tokens = new List<int>(job.MaxTokens);
            var text = "";
            await foreach (var token in generator.GenerateAsync(job, cancellationToken))
            {
                tokens.Add(token);
                if (!job.Stream)
                {
                    continue;
                }

                if (tokens.Count == 1)
                {
                    await StartEventsAsync(context.Response, answers.Opening(header), cancellationToken);
                }

                // Each chunk carries what the text gained: a character split across tokens arrives with its last token.
                var full = model.Encoder.Decode(tokens);
                var delta = full.Length > text.Length ? full[text.Length..] : "";
                text = full;
                await WriteEventAsync(context.Response, answers.Token(header, delta, tokens.Count == job.MaxTokens ? "length" : null), cancellationToken);
            }

            var usage = new Usage(job.Prompt.Length, tokens.Count, job.Prompt.Length + tokens.Count);
            if (job.Stream)
            {
                if (job.IncludeUsage)
                {
                    await WriteEventAsync(context.Response, answers.Usage(header, usage), cancellationToken);
                }

                await context.Response.Body.WriteAsync(Done, cancellationToken);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(answers.Whole(header, model.Encoder.Decode(tokens), usage), cancellationToken);
            }

            ServeLog.Answered(logger, path, usage.PromptTokens, usage.CompletionTokens, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OpenAiProblem problem) when (!context.Response.HasStarted)
        {
            ServeLog.Refused(logger, path, problem.Status, problem.Message);
            await WriteProblemAsync(context, problem);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ServeLog.ClientGone(logger, path);
        }
    }

    /// <exception cref="OpenAiProblem">413 past the body limit, 400 for a body that is not the request's JSON.</exception>
    private static async Task<TRequest> ReadAsync<TRequest>(HttpRequest request, JsonTypeInfo<TRequest> type, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken)
                ?? throw OpenAiProblem.Malformed(null, "The body must be a JSON object");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's body limit (413) and a truncated or slow body (400/408).
            throw new OpenAiProblem(e.StatusCode, e.Message, "invalid_request_error", null);
        }
        catch (JsonException e)
        {
            // The framework's message names the .NET type; the client needs the field and where it is.
            var param = e.Path is { Length: > 2 } jsonPath ? jsonPath[2..] : null;
            throw OpenAiProblem.Malformed(param, param is null
                ? $"The body is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"
                : $"'{param}' has the wrong JSON type or value (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): see the OpenAI API reference");
        }
    }

    private static async Task StartEventsAsync(HttpResponse response, byte[]? opening, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
        if (opening is not null)
        {
            await WriteEventAsync(response, opening, cancellationToken);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(EventPrefix, cancellationToken);
        await response.Body.WriteAsync(json, cancellationToken);
        await response.Body.WriteAsync(EventEnd, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
