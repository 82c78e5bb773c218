using System.Text.Json.Serialization;

namespace EnergyOperator.Contracts.Serialization;

/// <summary>
/// Reads and writes an enum by its names only. The default also accepts integers, so <c>engine: -1</c> would silently pick
/// whichever member has that value (or none).
/// </summary>
public sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
