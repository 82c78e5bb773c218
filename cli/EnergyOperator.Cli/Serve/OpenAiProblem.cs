using EnergyOperator.Runner.OpenAi;
using Microsoft.AspNetCore.Http;

namespace EnergyOperator.Cli.Serve;

/// <summary>A request the server refuses, answered as OpenAI's error JSON with <see cref="Status"/>.</summary>
internal sealed class OpenAiProblem(int status, string message, string type, string? param, string? code = null) : Exception(message)
{
    public int Status { get; } = status;

    public ErrorResponse Body => new(new ErrorBody(Message, type, param, code));

    /// <summary>400: the body is not JSON of the request's shape (syntax, a field of the wrong type).</summary>
    public static OpenAiProblem Malformed(string? param, string message) => new(StatusCodes.Status400BadRequest, message, "invalid_request_error", param);

    /// <summary>422: well-formed, but a value this server cannot honour (out of range, unsupported).</summary>
    public static OpenAiProblem Invalid(string param, string message, string code = "invalid_value") =>
        new(StatusCodes.Status422UnprocessableEntity, message, "invalid_request_error", param, code);
}
