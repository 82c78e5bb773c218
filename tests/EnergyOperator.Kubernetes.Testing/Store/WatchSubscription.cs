using System.Text.Json.Nodes;
using System.Threading.Channels;
using EnergyOperator.Kubernetes.Testing.Selectors;

namespace EnergyOperator.Kubernetes.Testing.Store;

/// <summary>One open watch: the lines it still has to send, filtered by namespace and selectors.</summary>
internal sealed class WatchSubscription(ResourceKind kind, string? @namespace, LabelSelector labels, FieldSelector fields, bool bookmarks)
{
    private readonly Channel<WatchLine> _lines = Channel.CreateUnbounded<WatchLine>(new UnboundedChannelOptions { SingleReader = true });

    public ResourceKind Kind => kind;

    public bool Bookmarks => bookmarks;

    public ChannelReader<WatchLine> Lines => _lines.Reader;

    /// <summary>Set when the watch was cut off rather than ended: the connection is reset instead of closed cleanly.</summary>
    public bool Aborted { get; private set; }

    /// <summary>
    /// An object entering the selector arrives as ADDED and one leaving it as DELETED, as the watch cache does,
    /// so that a filtered cache never keeps an object it can no longer see change.
    /// </summary>
    public void Offer(StoreEvent change)
    {
        var matchesNow = Matches(change.Object);
        var type = change.Type switch
        {
            StoreEventType.Added => matchesNow ? "ADDED" : null,
            StoreEventType.Deleted => matchesNow ? "DELETED" : null,
            _ => (change.Previous is not null && Matches(change.Previous), matchesNow) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => null,
            },
        };

        if (type is not null)
        {
            Write(type, change.Object);
        }
    }

    public void Bookmark(long resourceVersion) => Write("BOOKMARK", new JsonObject
    {
        ["kind"] = kind.Kind,
        ["apiVersion"] = kind.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    });

    public void Fail(ApiError error)
    {
        Write("ERROR", error.ToStatus());
        _lines.Writer.TryComplete();
    }

    public void Close(bool abort)
    {
        Aborted = abort;
        _lines.Writer.TryComplete();
    }

    private bool Matches(JsonObject item) =>
        (@namespace is null || item["metadata"]?["namespace"]?.GetValue<string>() == @namespace) && labels.Matches(item) && fields.Matches(item);

    private void Write(string type, JsonObject item) =>
        _lines.Writer.TryWrite(new WatchLine(new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString(), TimeProvider.System.GetUtcNow()));
}

/// <summary>One watch event as sent, and when it happened (on the real clock: watch lag is real time).</summary>
internal sealed record WatchLine(string Text, DateTimeOffset PublishedAt);
