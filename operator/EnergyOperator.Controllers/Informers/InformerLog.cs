using Microsoft.Extensions.Logging;

namespace EnergyOperator.Controllers.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Kind}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watching {Kind} from resourceVersion {ResourceVersion} for up to {TimeoutSeconds} s")]
    public static partial void Watching(ILogger logger, string kind, string resourceVersion, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {Kind} ended at resourceVersion {ResourceVersion}; restarting it")]
    public static partial void WatchEnded(ILogger logger, string kind, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} outlived its {TimeoutSeconds} s timeout without ending, so its connection is taken for dead; resuming from resourceVersion {ResourceVersion}")]
    public static partial void WatchStalled(ILogger logger, string kind, string resourceVersion, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} from resourceVersion {ResourceVersion} is gone ({Reason}); relisting")]
    public static partial void Relisting(ILogger logger, string kind, string resourceVersion, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} informer failed while {State} (failure {Failures} in a row); retrying in {DelaySeconds:0.###} s")]
    public static partial void Failed(ILogger logger, Exception exception, string kind, string state, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} broke after delivering events; resuming from resourceVersion {ResourceVersion} at once")]
    public static partial void WatchBroke(ILogger logger, Exception exception, string kind, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of the {Kind} informer failed on {ChangeType} {Key}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string kind, ObjectChangeType changeType, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping {Kind} {Key} at resourceVersion {ResourceVersion}: it cannot be read ({Error})")]
    public static partial void Unreadable(ILogger logger, string kind, string key, string? resourceVersion, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping a {Kind} without a readable name: it cannot be read ({Error})")]
    public static partial void UnreadableWithoutName(ILogger logger, string kind, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of unreadable objects of the {Kind} informer failed on {Key}")]
    public static partial void UnreadableHandlerFailed(ILogger logger, Exception exception, string kind, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} informer stopped")]
    public static partial void Stopped(ILogger logger, string kind);
}
