using System.Globalization;

namespace EnergyOperator.MeterSidecar.Tests.Hosting;

/// <summary>
/// A fabricated powercap tree with one package and its DRAM sub-zone. Counters are replaced by rename, so the
/// sidecar's sampling loop never reads a half-written file.
/// </summary>
internal sealed class FakePowercapTree
{
    public const string Package = "intel-rapl:0";
    public const string Dram = "intel-rapl:0:0";

    private readonly Dictionary<string, string> _zones = [];

    public FakePowercapTree(string root)
    {
        Root = root;
        AddZone(Package, "package-0", Path.Combine(root, Package));
        AddZone(Dram, "dram", Path.Combine(root, Package, Dram));
    }

    public string Root { get; }

    public void SetEnergy(string zone, ulong microjoules)
    {
        var path = Path.Combine(_zones[zone], "energy_uj");
        File.WriteAllText(path + ".new", microjoules.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(path + ".new", path, overwrite: true);
    }

    private void AddZone(string id, string name, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "name"), name + "\n");
        File.WriteAllText(Path.Combine(directory, "max_energy_range_uj"), "262143328850\n");
        _zones[id] = directory;
        SetEnergy(id, 0);
    }
}
