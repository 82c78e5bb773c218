using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Rapl;

/// <summary>
/// CPU and memory energy from the powercap RAPL counters (<c>energy_uj</c>, µJ), unwrapped with
/// <c>max_energy_range_uj</c>.
/// </summary>
internal sealed class RaplSource(string root, IZoneFileReader reader) : IEnergySource
{
    /// <summary>
    /// RAPL counters update about every millisecond; windows under ten updates are flagged too short.
    /// </summary>
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromMilliseconds(10);

    private readonly PowercapFiles _files = new(reader);

    public string Name => "rapl";

    public SourceProbe Probe()
    {
        if (!Directory.Exists(root))
        {
            return SourceProbe.Unavailable(
                $"powercap root '{root}' does not exist: this machine exposes no RAPL (a VM, or a CPU without it), or mount the host's /sys/class/powercap read-only into the container and point the powercap root at it");
        }

        try
        {
            var selected = SelectDomains(PowercapDiscovery.Discover(root, _files));
            if (selected.Count == 0)
            {
                return SourceProbe.Unavailable(
                    $"no intel-rapl package, dram or psys zone under '{root}': load the intel_rapl_common module on the host, or point the powercap root at the host's tree");
            }

            var channels = new List<IEnergyChannel>();
            foreach (var (zone, domain) in selected)
            {
                var energyPath = Path.Combine(zone.Directory, "energy_uj");
                _files.ReadCounter(energyPath);
                var range = _files.ReadOptionalCounter(Path.Combine(zone.Directory, "max_energy_range_uj"));
                var descriptor = new ChannelDescriptor(Name, domain, zone.Id, EnergyMethod.Counter, JoulesPerCount: 1e-6, range, UpdatePeriod);
                channels.Add(new RaplZoneChannel(_files, energyPath, descriptor));
            }

            return SourceProbe.Measuring(channels, selected.Select(s => $"{s.Zone.Id} ({s.Zone.Name})").ToArray());
        }
        catch (PowercapReadException failure)
        {
            return SourceProbe.Unavailable(failure.Message);
        }
    }

    /// <summary>
    /// Picks zones that never overlap, so their sum is the machine's CPU-side energy. Package zones already contain
    /// their <c>core</c> and <c>uncore</c> sub-zones, which are therefore never reported; <c>dram</c> lies outside
    /// the package and is added. <c>psys</c> covers the whole SoC including package and DRAM, so it is reported only
    /// when the machine exposes no package zone; otherwise package + dram is preferred, because it separates CPU from
    /// memory and exists on every RAPL machine, whereas psys exists on few (mostly client) platforms.
    /// </summary>
    internal static IReadOnlyList<(RaplZone Zone, string Domain)> SelectDomains(IReadOnlyList<RaplZone> zones)
    {
        var packages = zones.Where(z => z.IsPackage).Select(z => (z, "cpu-package"));
        var drams = zones.Where(z => z.IsDram).Select(z => (z, "dram"));
        var psys = zones.Where(z => z.IsPsys).Select(z => (z, "psys")).ToArray();
        if (zones.Any(z => z.IsPackage))
        {
            return packages.Concat(drams).ToArray();
        }

        return psys.Length > 0 ? psys : drams.ToArray();
    }

    public void Dispose()
    {
    }
}
