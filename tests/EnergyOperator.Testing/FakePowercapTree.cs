using System.Globalization;

namespace EnergyOperator.Testing;

/// <summary>
/// A fabricated powercap sysfs tree in a temporary directory. Counters are replaced by rename, so a meter sampling the
/// tree concurrently never reads a half-written file.
/// </summary>
public sealed class FakePowercapTree : IDisposable
{
    public const ulong DefaultRange = 262_143_328_850;
    public const string Package = "intel-rapl:0";
    public const string Dram = "intel-rapl:0:0";

    private readonly Dictionary<string, string> _zones = [];

    public string Root { get; } = Directory.CreateTempSubdirectory("powercap-").FullName;

    /// <summary>One package with its DRAM sub-zone, the common server layout.</summary>
    public static FakePowercapTree PackageWithDram() =>
        new FakePowercapTree().Zone(Package, "package-0").Zone(Dram, "dram", parent: Package);

    /// <summary>Adds a zone; sub-zones are nested in their parent's directory as in the device tree.</summary>
    public FakePowercapTree Zone(string id, string name, ulong energy = 0, ulong? range = DefaultRange, string? parent = null)
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
    public FakePowercapTree LinkFlat(string id)
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, id), _zones[id]);
        return this;
    }

    public void SetEnergy(string id, ulong microjoules)
    {
        var path = Path.Combine(_zones[id], "energy_uj");
        File.WriteAllText(path + ".new", microjoules.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(path + ".new", path, overwrite: true);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
