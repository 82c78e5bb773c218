using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Sampling;
using EnergyOperator.Meter.Tests.Fakes;
using EnergyOperator.Testing;

namespace EnergyOperator.Meter.Tests.Sampling;

public sealed class SourceSelectionTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Auto_RaplAvailable_LeavesTheEstimateOut()
    {
        var estimate = FakeSource.Measuring("estimate", Estimated());
        await using var meter = MeterFactory.Started(_time, new Dictionary<MeterKind, FakeSource>
        {
            [MeterKind.Rapl] = FakeSource.Measuring("rapl", FakeChannel.Counting("intel-rapl:0")),
            [MeterKind.Estimate] = estimate,
        }, MeterKind.Auto);

        var statuses = meter.Describe();
        Assert.Equal(["nvml", "rapl", "estimate"], statuses.Select(s => s.Source));
        Assert.False(statuses[0].Available);
        Assert.True(statuses[1].Available);
        Assert.False(statuses[2].Available);
        Assert.Contains("rapl measures the CPU", statuses[2].Reason);
        Assert.DoesNotContain(Measure(meter).Readings, r => r.Estimated);
    }

    [Fact]
    public async Task Auto_RaplUnavailable_EstimatesTheCpuAndLabelsItEstimated()
    {
        var cpu = Estimated();
        await using var meter = MeterFactory.Started(_time, new Dictionary<MeterKind, FakeSource>
        {
            [MeterKind.Estimate] = FakeSource.Measuring("estimate", cpu),
        }, MeterKind.Auto);

        var window = meter.StartWindow("inference");
        cpu.Counter = (ulong)TimeSpan.FromSeconds(2).Ticks;
        _time.Advance(TimeSpan.FromMilliseconds(1_000));
        var measurement = window.Stop();

        var reading = Assert.Single(measurement.Readings);
        Assert.True(measurement.Estimated);
        Assert.True(reading.Estimated);
        Assert.Equal(EnergyMethod.Model, reading.Method);
        Assert.Equal(20, reading.Joules, 9);
    }

    [Fact]
    public async Task Explicit_RequestedSourceUnavailable_ThrowsWithItsReason()
    {
        await using var meter = MeterFactory.Create(_time, new Dictionary<MeterKind, FakeSource>
        {
            [MeterKind.Rapl] = FakeSource.Unavailable("rapl", "energy_uj is readable by root only"),
        }, MeterKind.Rapl);

        var error = Assert.Throws<MeterConfigurationException>(meter.StartWithoutSamplingLoop);
        Assert.Contains("'rapl' was requested", error.Message);
        Assert.Contains("readable by root only", error.Message);
    }

    [Fact]
    public async Task Explicit_EstimateAlongsideRapl_UsesBoth()
    {
        await using var meter = MeterFactory.Started(_time, new Dictionary<MeterKind, FakeSource>
        {
            [MeterKind.Rapl] = FakeSource.Measuring("rapl", FakeChannel.Counting("intel-rapl:0")),
            [MeterKind.Estimate] = FakeSource.Measuring("estimate", Estimated()),
        }, MeterKind.Rapl, MeterKind.Estimate);

        Assert.Equal(["rapl", "estimate"], meter.Describe().Select(s => s.Source));
        Assert.Equal(2, Measure(meter).Readings.Count);
    }

    [Fact]
    public async Task Start_NoSourceMeasures_ThrowsListingEveryReasonAndDisposesSources()
    {
        var rapl = FakeSource.Unavailable("rapl", "powercap root missing");
        var estimate = FakeSource.Unavailable("estimate", "process 7 is not visible");
        await using var meter = MeterFactory.Create(_time, new Dictionary<MeterKind, FakeSource>
        {
            [MeterKind.Rapl] = rapl,
            [MeterKind.Estimate] = estimate,
        }, MeterKind.Auto);

        var error = Assert.Throws<MeterConfigurationException>(meter.StartWithoutSamplingLoop);
        Assert.Contains("powercap root missing", error.Message);
        Assert.Contains("process 7 is not visible", error.Message);
        Assert.True(rapl.Disposed);
        Assert.True(estimate.Disposed);
        Assert.Equal(3, meter.Describe().Count);
    }

    [Fact]
    public async Task StartAsync_SamplingLoop_SamplesInTheBackground()
    {
        var channel = FakeChannel.Counting();
        var options = new EnergyMeterOptions { Sources = [MeterKind.Rapl], SampleInterval = TimeSpan.FromMilliseconds(1) };
        await using var meter = new EnergyMeter(options, _ => FakeSource.Measuring("rapl", channel));
        await meter.StartAsync();
        var window = meter.StartWindow("inference");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (channel.Reads < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(Assert.Single(window.Stop().Readings).Samples >= 3);
    }

    [Fact]
    public async Task DisposeAsync_Twice_StopsTheLoopOnceAndDoesNotThrow()
    {
        var source = FakeSource.Measuring("rapl", FakeChannel.Counting());
        var meter = new EnergyMeter(new EnergyMeterOptions { Sources = [MeterKind.Rapl] }, _ => source);
        await meter.StartAsync();

        await meter.DisposeAsync();
        await meter.DisposeAsync();

        Assert.True(source.Disposed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61_000)]
    public void Options_SampleIntervalOutOfRange_Throws(int milliseconds)
    {
        var options = new EnergyMeterOptions { SampleInterval = TimeSpan.FromMilliseconds(milliseconds) };
        var error = Assert.Throws<MeterConfigurationException>(() => new EnergyMeter(options));
        Assert.Contains("SampleInterval", error.Message);
    }

    [Fact]
    public void Options_NonPositiveWattsPerCore_Throws()
    {
        var error = Assert.Throws<MeterConfigurationException>(() => new EnergyMeter(new EnergyMeterOptions { WattsPerCore = 0 }));
        Assert.Contains("WattsPerCore", error.Message);
    }

    private static FakeChannel Estimated() =>
        new(new ChannelDescriptor("estimate", "cpu", null, EnergyMethod.Model, 10.0 / TimeSpan.TicksPerSecond, null, TimeSpan.FromMilliseconds(100)))
        {
            Counter = 0,
        };

    private WindowMeasurement Measure(EnergyMeter meter)
    {
        var window = meter.StartWindow("inference");
        _time.Advance(TimeSpan.FromMilliseconds(500));
        return window.Stop();
    }
}
