namespace EnergyOperator.Controllers.Informers;

/// <summary>Where an informer's list/watch loop stands (kube-rs' watcher states).</summary>
internal abstract record WatcherState(string Name)
{
    /// <summary>No usable resourceVersion: list everything and replace the cache.</summary>
    public sealed record Listing() : WatcherState("listing");

    /// <summary>The cache is current as of <paramref name="ResourceVersion"/>: watch for what comes after it.</summary>
    public sealed record Watching(string ResourceVersion) : WatcherState("watching");
}
