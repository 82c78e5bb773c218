using Microsoft.Extensions.Logging;

namespace EnergyOperator.Controllers.Events;

internal static partial class EventRecorderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} on {Kind} {Name}")]
    public static partial void Failed(ILogger logger, Exception exception, string reason, string kind, string name);
}
