using System.Diagnostics.CodeAnalysis;
using k8s;

namespace EnergyOperator.Kubernetes.Resources;

/// <summary>
/// One change from a watch stream: exactly one of <paramref name="Object"/> and <paramref name="Unreadable"/> is set.
/// ERROR events (<see cref="WatchEventType.Error"/>) are not surfaced: they throw <see cref="Errors.KubernetesApiException"/>.
/// A <see cref="WatchEventType.Bookmark"/> carries no change, only the resourceVersion the stream has reached.
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, UnreadableObject? Unreadable = null)
{
    [MemberNotNullWhen(true, nameof(Object))]
    [MemberNotNullWhen(false, nameof(Unreadable))]
    public bool IsReadable => Unreadable is null;
}
