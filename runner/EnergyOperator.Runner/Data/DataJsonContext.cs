using System.Text.Json.Serialization;

namespace EnergyOperator.Runner.Data;

[JsonSerializable(typeof(string[]))]
internal sealed partial class DataJsonContext : JsonSerializerContext;
