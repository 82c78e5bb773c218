using EnergyOperator.Controllers;

namespace EnergyOperator.Operator.Tests.Benchmarks;

/// <summary>A cache that, once frozen, keeps showing what it held then: an informer whose watch lags behind the server.</summary>
internal sealed class LaggingObjectCache<T>(IObjectCache<T> live) : IObjectCache<T>
    where T : class
{
    private Dictionary<ObjectKey, T?>? _frozen;

    public bool HasSynced => true;

    /// <summary>From now on, <see cref="Get"/> returns what it returns at this moment for <paramref name="keys"/>.</summary>
    public void Freeze(params ObjectKey[] keys) => _frozen = keys.ToDictionary(key => key, live.Get);

    public void CatchUp() => _frozen = null;

    public T? Get(ObjectKey key) => _frozen is not null && _frozen.TryGetValue(key, out var old) ? old : live.Get(key);

    public IReadOnlyList<T> List(string? @namespace = null) => live.List(@namespace);

    public IReadOnlyList<T> ListOwnedBy(string ownerUid) => live.ListOwnedBy(ownerUid);
}
