namespace EnergyOperator.Kubernetes.Resources;

/// <summary>Filters and paging of a list.</summary>
/// <param name="LabelSelector">e.g. <c>app=runner,tier!=db</c>.</param>
/// <param name="FieldSelector">e.g. <c>metadata.name=x</c> or <c>status.phase=Running</c> (only fields the kind supports).</param>
/// <param name="Limit">Page size; the result's <see cref="ResourceList{T}.Continue"/> fetches the next page.</param>
public sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    int? Limit = null,
    string? Continue = null);

/// <summary>Where a watch starts and what it includes.</summary>
/// <param name="ResourceVersion">Events after this version; null starts with ADDED events for every existing object.</param>
/// <param name="TimeoutSeconds">The server ends the stream after this long; keep it under 300 and restart.</param>
/// <param name="AllowBookmarks">Ask for BOOKMARK events, which advance the resourceVersion without a change.</param>
public sealed record WatchOptions(
    string? ResourceVersion = null,
    int? TimeoutSeconds = null,
    bool AllowBookmarks = false,
    string? LabelSelector = null,
    string? FieldSelector = null);

/// <summary>One page of a list, and the resourceVersion to watch from after it.</summary>
public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue)
{
    /// <summary>The listed objects the typed model could not read; <see cref="Items"/> holds the others.</summary>
    public IReadOnlyList<UnreadableObject> Unreadable { get; init; } = [];
}
