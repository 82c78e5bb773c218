using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Api;
using EnergyOperator.MeterSidecar.Metering;

namespace EnergyOperator.MeterSidecar.Tests.Metering;

public sealed class GpuScopeTests
{
    private static readonly MeterTotals NodeWithTwoGpus = new(3,
    [
        new DomainTotal("nvml", "gpu", "GPU-aaaa", 10, 100, false),
        new DomainTotal("nvml", "gpu", "GPU-bbbb", 20, 200, false),
        new DomainTotal("rapl", "cpu-package", "intel-rapl:0", 30, 50, false),
    ]);

    private static readonly WindowMeasurement Window = new("inference", DateTimeOffset.UnixEpoch, 1,
    [
        new EnergyReading("nvml", "gpu", "GPU-aaaa", 100, 100, 110, 11, EnergyMethod.Counter, false),
        new EnergyReading("nvml", "gpu", "GPU-bbbb", 200, 200, 210, 11, EnergyMethod.Counter, false),
        new EnergyReading("rapl", "cpu-package", "intel-rapl:0", 50, 50, 60, 11, EnergyMethod.Counter, false),
    ]);

    [Fact]
    public void Apply_TheRunnersGpu_ReportsOnlyThatGpuAndKeepsTheCpu()
    {
        var measurement = GpuScope.Of(["GPU-bbbb"], NodeWithTwoGpus).Apply(Window);

        Assert.Equal(["GPU-bbbb", "intel-rapl:0"], measurement.Readings.Select(r => r.Device));
        Assert.Equal(250, measurement.TotalJoules);
    }

    [Fact]
    public void Of_NoGpusNamed_ReportsEveryMeasuredGpu() =>
        Assert.Equal(3, GpuScope.Of(null, NodeWithTwoGpus).Apply(Window).Readings.Count);

    [Fact]
    public void Of_AGpuTheMeterDoesNotMeasure_IsABadRequestListingTheMeasuredOnes()
    {
        var error = Assert.Throws<MeterApiException>(() => GpuScope.Of(["GPU-cccc"], NodeWithTwoGpus));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("GPU-cccc", error.Message);
        Assert.Contains("GPU-aaaa, GPU-bbbb", error.Message);
    }

    [Fact]
    public void Of_AMeterWithoutNvml_HasNoGpuEnergyToNarrow()
    {
        var cpuOnly = new MeterTotals(1, [new DomainTotal("rapl", "cpu-package", "intel-rapl:0", 1, 1, false)]);

        Assert.Same(GpuScope.All, GpuScope.Of(["GPU-aaaa"], cpuOnly));
    }
}
