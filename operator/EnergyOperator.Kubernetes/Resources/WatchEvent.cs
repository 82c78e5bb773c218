using System.Diagnostics.CodeAnalysis;

namespace EnergyOperator.Kubernetes.Resources;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>No change: the object carries only the resourceVersion the stream has reached.</summary>
    Bookmark,
}

/// <summary>
/// One change from a watch stream: exactly one of <paramref name="Object"/> and <paramref name="Unreadable"/> is set.
/// ERROR events are not surfaced: they throw <see cref="Errors.KubernetesApiException"/>.
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, UnreadableObject? Unreadable = null)
{
    [MemberNotNullWhen(true, nameof(Object))]
    [MemberNotNullWhen(false, nameof(Unreadable))]
    public bool IsReadable => Unreadable is null;
}
