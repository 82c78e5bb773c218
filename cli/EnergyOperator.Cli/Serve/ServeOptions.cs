namespace EnergyOperator.Cli.Serve;

/// <summary>What <c>energyctl serve</c> listens on and the bounds it puts on requests.</summary>
internal sealed record ServeOptions
{
    /// <summary>The name clients put in <c>model</c>; any other name is answered 404.</summary>
    public required string ModelName { get; init; }

    /// <summary>Kestrel URLs, separated by ';'.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8000";

    /// <summary>A larger body is answered 413 before it is parsed.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Requests waiting for the engine beyond this are answered 429 rather than queued without bound.</summary>
    public int MaxQueuedRequests { get; init; } = 32;

    /// <summary>max_tokens when a request leaves it out (OpenAI's completions default).</summary>
    public int DefaultMaxTokens { get; init; } = 16;

    /// <summary>The most positions (prompt + new tokens) when the model's provenance.json does not give its context.</summary>
    public int FallbackContext { get; init; } = 2048;
}
