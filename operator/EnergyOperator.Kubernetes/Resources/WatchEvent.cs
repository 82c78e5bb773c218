namespace EnergyOperator.Kubernetes.Resources;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>No change: the object carries only the resourceVersion the stream has reached.</summary>
    Bookmark,
}

/// <summary>One change from a watch stream. ERROR events are not surfaced: they throw <see cref="Errors.KubernetesApiException"/>.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T Object);
