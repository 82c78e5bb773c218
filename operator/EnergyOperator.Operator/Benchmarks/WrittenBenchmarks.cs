using System.Collections.Concurrent;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// The benchmarks as this operator's own status writes returned them, kept until the informer shows those writes. A pass
/// that read an older copy from a lagging cache would take a recorded run for a missing one and create its pod again; with
/// this, a run whose result was written is never re-created, whatever the cache lag.
/// </summary>
/// <remarks>
/// Resource versions are opaque, so "older" is never computed: an entry knows exactly which versions its write superseded
/// (the one it was based on, and those its predecessors superseded). Any other version in the cache is the write itself or
/// a later one, and the entry is dropped.
/// </remarks>
internal sealed class WrittenBenchmarks
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> _entries = new();

    /// <summary>The newest copy known: the remembered write while the cache still shows a version it superseded.</summary>
    public EnergyBenchmark Newest(ObjectKey key, EnergyBenchmark cached)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return cached;
        }

        if (entry.Written.Metadata.Uid == cached.Metadata.Uid && entry.Superseded.Contains(cached.Metadata.ResourceVersion ?? ""))
        {
            return entry.Written;
        }

        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return cached;
    }

    /// <summary>Records that <paramref name="basis"/> was replaced by <paramref name="written"/> (what the server returned).</summary>
    public void Remember(ObjectKey key, EnergyBenchmark basis, EnergyBenchmark written)
    {
        var basisVersion = basis.Metadata.ResourceVersion ?? "";
        var superseded = _entries.TryGetValue(key, out var previous)
            && previous.Written.Metadata.Uid == written.Metadata.Uid
            && previous.Written.Metadata.ResourceVersion == basisVersion
                ? new HashSet<string>(previous.Superseded, StringComparer.Ordinal) { basisVersion }
                : new HashSet<string>(StringComparer.Ordinal) { basisVersion };
        _entries[key] = new Entry(written, superseded);
    }

    public void Forget(ObjectKey key) => _entries.TryRemove(key, out _);

    private sealed record Entry(EnergyBenchmark Written, HashSet<string> Superseded);
}
