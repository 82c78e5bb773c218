using System.Text.Json.Nodes;

namespace EnergyOperator.Kubernetes.Testing.Store;

internal enum StoreEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One committed change; <see cref="Previous"/> lets a filtered watch see an object enter or leave its selector.</summary>
internal sealed record StoreEvent(long ResourceVersion, ResourceKind Kind, StoreEventType Type, JsonObject Object, JsonObject? Previous);
