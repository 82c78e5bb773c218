using System.Globalization;
using System.Text.RegularExpressions;

namespace EnergyOperator.Meter.Rapl;

/// <summary>Finds the RAPL zones under a powercap root.</summary>
internal static partial class PowercapDiscovery
{
    /// <summary>
    /// Every <c>intel-rapl:N</c> zone and its <c>intel-rapl:N:M</c> sub-zones, whether the sub-zones appear nested
    /// (the device tree) or flat beside their package (<c>/sys/class/powercap</c>), each once, in numeric order.
    /// <c>intel-rapl-mmio:*</c> zones duplicate the packages and are skipped. The root may also be the device tree's
    /// <c>/sys/devices/virtual/powercap</c>, whose zones sit in the <c>intel-rapl</c> control type's directory.
    /// </summary>
    public static IReadOnlyList<RaplZone> Discover(string root, PowercapFiles files)
    {
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = Directory.EnumerateDirectories(root)
            .SelectMany(directory => Path.GetFileName(directory) == ControlType ? Directory.EnumerateDirectories(directory) : [directory]);
        foreach (var directory in candidates)
        {
            var id = Path.GetFileName(directory);
            if (!ZoneId().IsMatch(id))
            {
                continue;
            }

            directories.TryAdd(id, directory);
            foreach (var nested in Directory.EnumerateDirectories(directory))
            {
                var nestedId = Path.GetFileName(nested);
                if (ZoneId().IsMatch(nestedId))
                {
                    directories.TryAdd(nestedId, nested);
                }
            }
        }

        return directories
            .OrderBy(zone => SortKey(zone.Key))
            .Select(zone => new RaplZone(zone.Key, files.ReadText(Path.Combine(zone.Value, "name")), zone.Value))
            .ToArray();
    }

    private static (int Package, int SubZone) SortKey(string id)
    {
        var match = ZoneId().Match(id);
        var package = int.Parse(match.Groups["package"].Value, CultureInfo.InvariantCulture);
        return (package, match.Groups["sub"].Success ? int.Parse(match.Groups["sub"].Value, CultureInfo.InvariantCulture) : -1);
    }

    private const string ControlType = "intel-rapl";

    [GeneratedRegex(@"^intel-rapl:(?<package>\d+)(:(?<sub>\d+))?$")]
    private static partial Regex ZoneId();
}
