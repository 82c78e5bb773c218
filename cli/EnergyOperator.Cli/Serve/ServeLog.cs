using Microsoft.Extensions.Logging;

namespace EnergyOperator.Cli.Serve;

internal static partial class ServeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving '{Model}' ({Context} positions, random weights: {RandomWeights}) on {Urls}")]
    public static partial void Serving(ILogger logger, string model, int context, bool randomWeights, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: {PromptTokens} prompt + {CompletionTokens} completion tokens in {Milliseconds:F0} ms")]
    public static partial void Answered(ILogger logger, string path, int promptTokens, int completionTokens, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: refused with {Status}: {Message}")]
    public static partial void Refused(ILogger logger, string path, int status, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path}: the client went away; generation stopped")]
    public static partial void ClientGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path}: generation failed")]
    public static partial void Failed(ILogger logger, string path, Exception exception);
}
