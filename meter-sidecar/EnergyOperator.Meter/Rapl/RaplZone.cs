namespace EnergyOperator.Meter.Rapl;

/// <summary>One powercap zone.</summary>
/// <param name="Id">Directory name, for example <c>intel-rapl:0</c> or <c>intel-rapl:0:2</c>.</param>
/// <param name="Name">Contents of its <c>name</c> file: <c>package-0</c>, <c>core</c>, <c>uncore</c>, <c>dram</c>, <c>psys</c>.</param>
/// <param name="Directory">Its directory.</param>
internal sealed record RaplZone(string Id, string Name, string Directory)
{
    public bool IsPackage => Name.StartsWith("package-", StringComparison.Ordinal);

    public bool IsDram => Name == "dram";

    public bool IsPsys => Name == "psys";
}
