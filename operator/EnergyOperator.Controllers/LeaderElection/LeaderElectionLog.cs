using Microsoft.Extensions.Logging;

namespace EnergyOperator.Controllers.LeaderElection;

internal static partial class LeaderElectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} trying to acquire lease {Lease}")]
    public static partial void Acquiring(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} acquired lease {Lease} and is leading")]
    public static partial void Acquired(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Identity} could not acquire or renew lease {Lease}")]
    public static partial void AttemptFailed(ILogger logger, Exception exception, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Identity} could not renew lease {Lease} within {RenewDeadlineSeconds} s; leadership lost")]
    public static partial void Lost(ILogger logger, string identity, string lease, double renewDeadlineSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released lease {Lease}")]
    public static partial void Released(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} could not release lease {Lease}; others take over when it expires")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} stopped leading with lease {Lease} (lost: {Lost})")]
    public static partial void StoppedLeading(ILogger logger, string identity, string lease, bool lost);
}
