using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Rapl;
using EnergyOperator.Meter.Sampling;
using EnergyOperator.Meter.Tests.Fakes;
using EnergyOperator.Testing;

namespace EnergyOperator.Meter.Tests.Rapl;

public sealed class RaplSourceTests : IDisposable
{
    private readonly FakePowercapTree _tree = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Probe_TwoSocketsWithDram_SumsPackagesAndDramOnly()
    {
        _tree.Zone("intel-rapl:0", "package-0")
            .Zone("intel-rapl:0:0", "core", parent: "intel-rapl:0")
            .Zone("intel-rapl:0:1", "uncore", parent: "intel-rapl:0")
            .Zone("intel-rapl:0:2", "dram", parent: "intel-rapl:0")
            .Zone("intel-rapl:1", "package-1")
            .Zone("intel-rapl:1:0", "core", parent: "intel-rapl:1")
            .Zone("intel-rapl:1:1", "dram", parent: "intel-rapl:1")
            .Zone("intel-rapl-mmio:0", "package-0");

        var probe = Probe();

        Assert.True(probe.Available);
        Assert.Equal(
            [("cpu-package", "intel-rapl:0"), ("cpu-package", "intel-rapl:1"), ("dram", "intel-rapl:0:2"), ("dram", "intel-rapl:1:1")],
            probe.Channels.Select(c => (c.Descriptor.Domain, c.Descriptor.Device!)));
        Assert.Contains("intel-rapl:0 (package-0)", probe.Devices);
    }

    [Fact]
    public void Probe_PsysBesidePackages_LeavesPsysOutBecauseItOverlapsThem()
    {
        _tree.Zone("intel-rapl:0", "package-0")
            .Zone("intel-rapl:0:0", "dram", parent: "intel-rapl:0")
            .Zone("intel-rapl:1", "psys");

        Assert.DoesNotContain(Probe().Channels, c => c.Descriptor.Domain == "psys");
    }

    [Fact]
    public void Probe_OnlyPsys_ReportsPsys()
    {
        _tree.Zone("intel-rapl:1", "psys");

        var channel = Assert.Single(Probe().Channels);
        Assert.Equal(("psys", "intel-rapl:1"), (channel.Descriptor.Domain, channel.Descriptor.Device));
    }

    [Fact]
    public void Probe_NoDram_ReportsPackagesOnly()
    {
        _tree.Zone("intel-rapl:0", "package-0").Zone("intel-rapl:0:0", "core", parent: "intel-rapl:0");

        var channel = Assert.Single(Probe().Channels);
        Assert.Equal("cpu-package", channel.Descriptor.Domain);
    }

    [Fact]
    public void Probe_DeviceTreeRoot_FindsZonesUnderTheControlType()
    {
        // /sys/devices/virtual/powercap, the one directory a runner pod mounts: zones sit under intel-rapl/.
        _tree.Zone("intel-rapl", "intel-rapl", range: null)
            .Zone("intel-rapl:0", "package-0", parent: "intel-rapl")
            .Zone("intel-rapl:0:0", "dram", parent: "intel-rapl:0")
            .Zone("intel-rapl-mmio", "intel-rapl-mmio", range: null)
            .Zone("intel-rapl-mmio:0", "package-0", parent: "intel-rapl-mmio");

        Assert.Equal(["intel-rapl:0", "intel-rapl:0:0"], Probe().Channels.Select(c => c.Descriptor.Device));
    }

    [Fact]
    public void Probe_SubZonesLinkedFlatAndNested_CountsEachZoneOnce()
    {
        _tree.Zone("intel-rapl:0", "package-0")
            .Zone("intel-rapl:0:0", "dram", parent: "intel-rapl:0")
            .LinkFlat("intel-rapl:0:0");

        Assert.Equal(["intel-rapl:0", "intel-rapl:0:0"], Probe().Channels.Select(c => c.Descriptor.Device));
    }

    [Fact]
    public void Probe_RootMissing_IsUnavailableWithTheMountFix()
    {
        var probe = new RaplSource(Path.Combine(_tree.Root, "absent"), PhysicalZoneFileReader.Instance).Probe();

        Assert.False(probe.Available);
        Assert.Contains("mount the host's /sys/class/powercap", probe.Reason);
    }

    [Fact]
    public void Probe_NoRaplZones_IsUnavailable()
    {
        _tree.Zone("intel-rapl-mmio:0", "package-0");

        Assert.Contains("no intel-rapl package", Probe().Reason);
    }

    [Fact]
    public void Probe_EnergyReadableByRootOnly_IsUnavailableNamingTheFix()
    {
        _tree.Zone("intel-rapl:0", "package-0");

        var probe = new RaplSource(_tree.Root, new RootOnlyEnergyReader()).Probe();

        Assert.False(probe.Available);
        Assert.Contains("energy_uj is readable by root only (CVE-2020-8694)", probe.Reason);
        Assert.Contains("run the meter as root", probe.Reason);
    }

    [Fact]
    public async Task Window_PackageCounterWrapsMidWindow_AddsTheRange()
    {
        _tree.Zone("intel-rapl:0", "package-0", energy: FakePowercapTree.DefaultRange - 1_000_000)
            .Zone("intel-rapl:0:0", "dram", energy: 5_000_000, parent: "intel-rapl:0");
        await using var meter = StartMeter();

        var window = meter.StartWindow("inference");
        _tree.SetEnergy("intel-rapl:0", 3_000_000);
        _tree.SetEnergy("intel-rapl:0:0", 6_000_000);
        _time.Advance(TimeSpan.FromMilliseconds(1_000));
        var measurement = window.Stop();

        Assert.Equal(4.0, measurement.Readings.Single(r => r.Domain == "cpu-package").Joules, 9);
        Assert.Equal(1.0, measurement.Readings.Single(r => r.Domain == "dram").Joules, 9);
        Assert.Equal(5.0, measurement.TotalJoules, 9);
        Assert.All(measurement.Readings, r => Assert.Equal(("rapl", EnergyMethod.Counter, false), (r.Source, r.Method, r.Estimated)));
    }

    [Fact]
    public async Task Window_CounterBackwardsWithoutMaxRange_FailsForThatZone()
    {
        _tree.Zone("intel-rapl:0", "package-0", energy: 9_000_000, range: null);
        await using var meter = StartMeter();

        var window = meter.StartWindow("inference");
        _tree.SetEnergy("intel-rapl:0", 1_000_000);
        _time.Advance(TimeSpan.FromMilliseconds(1_000));

        var error = Assert.Throws<EnergyMeasurementException>(window.Stop);
        Assert.Contains("intel-rapl:0", error.Message);
        Assert.Contains("went backwards", error.Message);
    }

    private SourceProbe Probe() => new RaplSource(_tree.Root, PhysicalZoneFileReader.Instance).Probe();

    private EnergyMeter StartMeter()
    {
        var options = new EnergyMeterOptions { TimeProvider = _time, Sources = [MeterKind.Rapl], PowercapRoot = _tree.Root };
        var meter = new EnergyMeter(options);
        meter.StartWithoutSamplingLoop();
        return meter;
    }

    /// <summary>Behaves like a non-root process reading a 0400 <c>energy_uj</c>, whoever runs the tests.</summary>
    private sealed class RootOnlyEnergyReader : IZoneFileReader
    {
        public string ReadAllText(string path) => Path.GetFileName(path) == "energy_uj"
            ? throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.")
            : File.ReadAllText(path);
    }
}
