using Microsoft.Extensions.Logging;

namespace EnergyOperator.Controllers.Reconciliation;

internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} waiting for caches to sync: {Kinds}")]
    public static partial void WaitingForSync(ILogger logger, string controller, string kinds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} synced; starting {Workers} workers")]
    public static partial void Started(ILogger logger, string controller, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    public static partial void Stopped(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {Controller} {Key}: {Result} in {DurationSeconds:0.####} s (requeue after {RequeueAfterSeconds} s)")]
    public static partial void Reconciled(ILogger logger, string controller, string key, string result, double durationSeconds, double? requeueAfterSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile of {Controller} {Key} canceled by shutdown")]
    public static partial void Canceled(ILogger logger, string controller, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Key} failed for good after {DurationSeconds:0.####} s; not retrying until it changes")]
    public static partial void Terminal(ILogger logger, Exception exception, string controller, string key, double durationSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile of {Controller} {Key} hit a conflict, retrying: {Reason}")]
    public static partial void Conflict(ILogger logger, string controller, string key, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile of {Controller} {Key} failed after {DurationSeconds:0.####} s (failure {Failures} in a row); retrying with backoff")]
    public static partial void Failed(ILogger logger, Exception exception, string controller, string key, double durationSeconds, int failures);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Controller {Controller} resync queued {Count} keys")]
    public static partial void Resynced(ILogger logger, string controller, int count);
}
