using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Serve;

public sealed class ServeTests(ServedDecoder served) : IClassFixture<ServedDecoder>
{
    [Fact]
    public async Task Models_lists_the_served_model_with_its_context_and_random_weights()
    {
        using var models = await JsonDocument.ParseAsync(await served.Client.GetStreamAsync("/v1/models"));

        var card = Assert.Single(models.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(ServedDecoder.ModelName, card.GetProperty("id").GetString());
        Assert.Equal(ServedDecoder.Context, card.GetProperty("max_model_len").GetInt32());
        Assert.True(card.GetProperty("random_weights").GetBoolean());
    }

    [Fact]
    public async Task A_completion_generates_exactly_max_tokens_and_counts_the_prompt_s_tokens()
    {
        using var answer = await PostAsync("/v1/completions", """{"model":"tiny","prompt":"The cat sat on the mat","max_tokens":7,"temperature":0}""");

        var usage = answer.RootElement.GetProperty("usage");
        var promptTokens = served.Model.Encoder.Encode("The cat sat on the mat").Length;
        Assert.Equal(promptTokens, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(promptTokens + 7, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal("length", answer.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task A_prompt_of_token_ids_is_taken_as_is_and_decoded_greedily()
    {
        using var answer = await PostAsync("/v1/completions", """{"model":"tiny","prompt":[464,3797,3332],"max_tokens":4}""");

        var expected = served.Model.Decoder.Generate([[464, 3797, 3332]], 4, TimeProvider.System, CancellationToken.None).Tokens[0];
        Assert.Equal(3, answer.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(served.Model.Encoder.Decode(expected), answer.RootElement.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_streamed_completion_sends_a_chunk_per_token_then_usage_then_done_and_the_same_text()
    {
        const string prompt = "Energy per token";
        using var whole = await PostAsync("/v1/completions", $$"""{"model":"tiny","prompt":"{{prompt}}","max_tokens":6}""");

        var events = await StreamAsync("/v1/completions", $$$"""{"model":"tiny","prompt":"{{{prompt}}}","max_tokens":6,"stream":true,"stream_options":{"include_usage":true}}""");

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var tokenChunks = chunks.Where(c => c.GetProperty("choices").GetArrayLength() == 1).ToList();
        Assert.Equal(6, tokenChunks.Count);
        Assert.Equal("length", tokenChunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(
            whole.RootElement.GetProperty("choices")[0].GetProperty("text").GetString(),
            string.Concat(tokenChunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal(6, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task A_chat_prompt_is_the_plain_template_of_its_messages()
    {
        using var answer = await PostAsync(
            "/v1/chat/completions", """{"model":"tiny","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":3}""");

        var templated = served.Model.Encoder.Encode("system: Be brief.\nuser: Hi\nassistant:").Length;
        Assert.Equal(templated, answer.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, answer.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("assistant", answer.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_streamed_chat_opens_with_the_assistant_role_and_ends_with_done()
    {
        var events = await StreamAsync("/v1/chat/completions", """{"model":"tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"stream":true}""");

        Assert.Equal(4, events.Count);
        Assert.Equal("assistant", JsonDocument.Parse(events[0]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("[DONE]", events[^1]);
    }

    [Theory]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","max_tokens":"5"}""", 400, "max_tokens")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","max_tokens":2.5}""", 400, "max_tokens")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":{"text":"x"}}""", 400, "prompt")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":["x"]}""", 422, "prompt[0]")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":[99999999]}""", 422, "prompt[0]")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":[]}""", 422, "prompt")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","max_tokens":64}""", 422, "max_tokens")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","max_tokens":0}""", 422, "max_tokens")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","max_tokens":-3}""", 422, "max_tokens")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","temperature":0.7}""", 422, "temperature")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","n":2}""", 422, "n")]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":"x","ignore_eos":false}""", 422, "ignore_eos")]
    [InlineData("/v1/completions", """{"prompt":"x"}""", 400, "model")]
    [InlineData("/v1/completions", """{"model":"gpt-4","prompt":"x"}""", 404, "model")]
    [InlineData("/v1/completions", """[1,2]""", 400, null)]
    [InlineData("/v1/completions", """{"model":"tiny","prompt":""", 400, "prompt")]
    [InlineData("/v1/completions", "null", 400, null)]
    [InlineData("/v1/chat/completions", """{"model":"tiny","messages":[]}""", 400, "messages")]
    [InlineData("/v1/chat/completions", """{"model":"tiny","messages":[{"role":"robot","content":"x"}]}""", 422, "messages[0]")]
    [InlineData("/v1/chat/completions", """{"model":"tiny","messages":[{"role":"user","content":[{"type":"text"}]}]}""", 400, "messages[0].content")]
    [InlineData("/v1/chat/completions", """{"model":"tiny","messages":[{"role":"user","content":"x"}],"max_completion_tokens":1000}""", 422, "max_completion_tokens")]
    public async Task A_hostile_body_gets_an_OpenAI_error_naming_the_field(string path, string body, int status, string? param)
    {
        using var response = await served.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_in_OpenAI_s_shape()
    {
        var body = $$"""{"model":"tiny","prompt":"{{new string('a', 100_000)}}"}""";

        using var response = await served.Client.PostAsync("/v1/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", (await ErrorAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_stream_frees_the_engine_for_the_next_request()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent("""{"model":"tiny","prompt":"x","max_tokens":62,"stream":true}""", Encoding.UTF8, "application/json"),
        })
        using (var response = await served.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync());
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var next = await served.Client.PostAsync(
            "/v1/completions", new StringContent("""{"model":"tiny","prompt":"y","max_tokens":2}""", Encoding.UTF8, "application/json"), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Serve_with_a_missing_model_directory_exits_2_naming_the_option()
    {
        var (exit, _, error) = await EnergyctlProcess.RunAsync(Path.GetTempPath(), "serve", "--model", Path.Combine(Path.GetTempPath(), "no-such-model-dir"));

        Assert.Equal(2, exit);
        Assert.Contains("--model.path", error);
    }

    private async Task<JsonDocument> PostAsync(string path, string body)
    {
        using var response = await served.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    private async Task<List<string>> StreamAsync(string path, string body)
    {
        using var response = await served.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("data: ", line));
        return [.. lines.Select(line => line["data: ".Length..])];
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = body.GetProperty("error");
        foreach (var field in new[] { "message", "type", "param", "code" })
        {
            Assert.True(error.TryGetProperty(field, out _), $"no error.{field} in {body}");
        }

        return error;
    }
}
