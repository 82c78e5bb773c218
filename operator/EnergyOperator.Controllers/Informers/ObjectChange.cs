namespace EnergyOperator.Controllers.Informers;

public enum ObjectChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One change an informer applied to its cache.</summary>
/// <param name="Old">The cached object before the change; null for <see cref="ObjectChangeType.Added"/>.</param>
/// <param name="New">The object after the change; for <see cref="ObjectChangeType.Deleted"/>, its last known state.</param>
public sealed record ObjectChange<T>(ObjectChangeType Type, T? Old, T New)
    where T : class;
