using System.Globalization;

namespace EnergyOperator.Meter.Tests.Rapl;

/// <summary>A fabricated powercap sysfs tree in a temporary directory.</summary>
internal sealed class PowercapTree : IDisposable
{
    public const ulong DefaultRange = 262_143_328_850;

    private readonly Dictionary<string, string> _zones = [];

    public string Root { get; } = Directory.CreateTempSubdirectory("powercap-").FullName;

    /// <summary>Adds a zone; sub-zones are nested in their parent's directory as in the device tree.</summary>
    public PowercapTree Zone(string id, string name, ulong energy = 0, ulong? range = DefaultRange, string? parent = null)
    {
        var directory = Path.Combine(parent is null ? Root : _zones[parent], id);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "name"), name + "\n");
        if (range is { } max)
        {
            File.WriteAllText(Path.Combine(directory, "max_energy_range_uj"), max.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        _zones[id] = directory;
        SetEnergy(id, energy);
        return this;
    }

    /// <summary>Links a nested sub-zone beside its package, as <c>/sys/class/powercap</c> does.</summary>
    public PowercapTree LinkFlat(string id)
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, id), _zones[id]);
        return this;
    }

    public void SetEnergy(string id, ulong microjoules) =>
        File.WriteAllText(Path.Combine(_zones[id], "energy_uj"), microjoules.ToString(CultureInfo.InvariantCulture) + "\n");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
