using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Nvml;
using EnergyOperator.Meter.Tests.Fakes;
using EnergyOperator.Testing;

namespace EnergyOperator.Meter.Tests.Nvml;

public sealed class NvmlSourceTests
{
    private const string First = "GPU-11111111-2222-3333-4444-555555555555";
    private const string Second = "GPU-66666666-7777-8888-9999-000000000000";

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Window_EnergyCounter_ReportsTheMillijouleDelta()
    {
        var gpu = new FakeGpu(First) { EnergyMillijoules = 1_000_000, PowerMilliwatts = 300_000 };
        await using var meter = StartMeter(new FakeNvmlApi(gpu), []);

        var window = meter.StartWindow("inference");
        gpu.EnergyMillijoules += 150_000;
        gpu.PowerMilliwatts = 350_000;
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var reading = Assert.Single(window.Stop().Readings);
        Assert.Equal(("nvml", "gpu", First, EnergyMethod.Counter), (reading.Source, reading.Domain, reading.Device, reading.Method));
        Assert.Equal(150, reading.Joules, 9);
        Assert.Equal(300, reading.AverageWatts, 9);
        Assert.Equal(350, reading.PeakWatts);
        Assert.False(reading.Estimated);
    }

    [Fact]
    public async Task Window_EnergyCounterNotSupported_IntegratesPowerInstead()
    {
        var gpu = new FakeGpu(First, "Tesla P100") { EnergyResult = NvmlReturn.NotSupported, PowerMilliwatts = 100_000 };
        await using var meter = StartMeter(new FakeNvmlApi(gpu), []);

        var window = meter.StartWindow("inference");
        gpu.PowerMilliwatts = 200_000;
        _time.Advance(TimeSpan.FromMilliseconds(1_000));

        var reading = Assert.Single(window.Stop().Readings);
        Assert.Equal(EnergyMethod.PowerIntegration, reading.Method);
        Assert.Equal(150, reading.Joules, 9);
        Assert.Contains(meter.Describe().Single().Devices, d => d.Contains("power integration"));
    }

    [Fact]
    public async Task Start_GpuSelectedByUuid_MeasuresOnlyThatGpu()
    {
        await using var meter = StartMeter(new FakeNvmlApi(new FakeGpu(First), new FakeGpu(Second)), [Second]);

        var status = Assert.Single(meter.Describe());
        Assert.StartsWith(Second, Assert.Single(status.Devices));
    }

    [Fact]
    public void Probe_GpusSelectedByIndex_ResolvesThem()
    {
        using var source = new NvmlSource(new FakeNvmlApi(new FakeGpu(First), new FakeGpu(Second)), ["1", "0"]);

        Assert.Equal([Second, First], source.Probe().Channels.Select(c => c.Descriptor.Device));
    }

    [Fact]
    public void Probe_UnknownUuid_ThrowsListingTheVisibleGpus()
    {
        using var source = new NvmlSource(new FakeNvmlApi(new FakeGpu(First)), [Second]);

        var error = Assert.Throws<MeterConfigurationException>(source.Probe);
        Assert.Contains(Second, error.Message);
        Assert.Contains(First, error.Message);
        Assert.Contains("nvidia-smi -L", error.Message);
    }

    [Fact]
    public void Probe_IndexOutOfRange_Throws()
    {
        using var source = new NvmlSource(new FakeNvmlApi(new FakeGpu(First)), ["3"]);

        Assert.Throws<MeterConfigurationException>(source.Probe);
    }

    [Fact]
    public void Probe_NeitherEnergyNorPower_IsUnavailable()
    {
        var gpu = new FakeGpu(First) { EnergyResult = NvmlReturn.NotSupported, PowerResult = NvmlReturn.NotSupported };
        using var source = new NvmlSource(new FakeNvmlApi(gpu), []);

        var probe = source.Probe();
        Assert.False(probe.Available);
        Assert.Contains(First, probe.Reason);
    }

    [Fact]
    public void Probe_InitFails_IsUnavailableWithTheDriverHint()
    {
        using var source = new NvmlSource(new FakeNvmlApi(new FakeGpu(First)) { InitResult = NvmlReturn.DriverNotLoaded }, []);

        var probe = source.Probe();
        Assert.False(probe.Available);
        Assert.Contains("DriverNotLoaded", probe.Reason);
    }

    [Fact]
    public void Dispose_AfterProbe_ShutsNvmlDownAndFreesTheLibrary()
    {
        var api = new FakeNvmlApi(new FakeGpu(First));
        var source = new NvmlSource(api, []);
        source.Probe();

        source.Dispose();

        Assert.Equal(0, api.Initialized);
        Assert.True(api.Disposed);
    }

    [Fact]
    public void Create_LibraryAbsent_IsUnavailableWithTheDriverFix()
    {
        using var source = NvmlSource.Create([], "libnvidia-ml-absent.so.1");

        var probe = source.Probe();
        Assert.False(probe.Available);
        Assert.Contains("libnvidia-ml-absent.so.1 could not be loaded", probe.Reason);
        Assert.Contains("NVIDIA runtime", probe.Reason);
    }

    [Theory]
    [InlineData(new string[0], "GPU-a,GPU-b", new[] { "GPU-a", "GPU-b" })]
    [InlineData(new[] { "1" }, "GPU-a", new[] { "1" })]
    [InlineData(new string[0], "0,1", new string[0])]
    [InlineData(new string[0], "all", new string[0])]
    [InlineData(new string[0], null, new string[0])]
    public void Resolve_ConfiguredOrVisibleDevices_PicksGpus(string[] configured, string? visible, string[] expected)
    {
        Assert.Equal(expected, GpuSelection.Resolve(configured, visible));
    }

    private EnergyMeter StartMeter(FakeNvmlApi api, IReadOnlyList<string> gpus)
    {
        var options = new EnergyMeterOptions { TimeProvider = _time, Sources = [MeterKind.Nvml] };
        var meter = new EnergyMeter(options, _ => new NvmlSource(api, gpus));
        meter.StartWithoutSamplingLoop();
        return meter;
    }
}
