using System.Threading.Channels;
using EnergyOperator.Controllers.Events;
using EnergyOperator.Kubernetes.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.Controllers.Informers;

/// <summary>
/// Tells the author of an object the operator cannot read why it is ignored: a Warning event on the object and, where the
/// kind provides one, a status write (<paramref name="markStatus"/>, which must not need the typed object). Informers hand
/// objects over through <see cref="Enqueue"/>, once per resourceVersion; the API writes happen on <see cref="RunAsync"/>'s
/// loop, so that the informer never waits on the server. Best effort: a failed write is logged, not retried.
/// </summary>
public sealed class UnreadableObjectReporter(
    IEventRecorder events,
    string apiVersion,
    string kind,
    Func<UnreadableObject, string, CancellationToken, Task>? markStatus = null,
    ILogger<UnreadableObjectReporter>? logger = null)
{
    public const string Reason = "UnreadableObject";

    /// <summary>The longest event message: the serializer's error can echo a long JSON path.</summary>
    public const int MaxMessageLength = 1024;

    // Bounded so that a flood of bad objects cannot grow memory; what is dropped is still logged by the informer.
    private readonly Channel<UnreadableObject> _pending = Channel.CreateBounded<UnreadableObject>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ILogger _logger = logger ?? NullLogger<UnreadableObjectReporter>.Instance;

    public void Enqueue(UnreadableObject unreadable) => _pending.Writer.TryWrite(unreadable);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var unreadable in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await ReportAsync(unreadable, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>What the event and status say: which object, and what of it could not be read.</summary>
    public static string MessageFor(string kind, UnreadableObject unreadable)
    {
        var message = $"the operator cannot read this {kind} and ignores it until it changes: {unreadable.Error}";
        return message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");
    }

    private async Task ReportAsync(UnreadableObject unreadable, CancellationToken cancellationToken)
    {
        var message = MessageFor(kind, unreadable);
        await events.RecordAsync(apiVersion, kind, unreadable.Metadata, EventType.Warning, Reason, message, cancellationToken).ConfigureAwait(false);
        if (markStatus is null)
        {
            return;
        }

        try
        {
            await markStatus(unreadable, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            UnreadableObjectReporterLog.StatusFailed(_logger, e, kind, unreadable.Metadata.NamespaceProperty, unreadable.Metadata.Name);
        }
    }
}

internal static partial class UnreadableObjectReporterLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the status of unreadable {Kind} {Namespace}/{Name}")]
    public static partial void StatusFailed(ILogger logger, Exception exception, string kind, string? @namespace, string? name);
}
