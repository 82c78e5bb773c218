using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Meter.Tests.Fakes;
using EnergyOperator.Testing;

namespace EnergyOperator.Meter.Tests.Sampling;

public sealed class WindowTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Stop_CounterChannel_ReportsCounterDeltaAcrossTheWindow()
    {
        var channel = FakeChannel.Counting(joulesPerCount: 0.001);
        channel.Counter = 5_000;
        await using var meter = MeterFactory.Started(_time, channel);

        var window = meter.StartWindow("inference");
        channel.Counter = 7_000;
        _time.Advance(TimeSpan.FromMilliseconds(500));
        meter.SampleNow();
        channel.Counter = 9_000;
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var reading = Assert.Single(window.Stop().Readings);

        Assert.Equal(4.0, reading.Joules, 9);
        Assert.Equal(4.0, reading.AverageWatts, 9);
        Assert.Equal(EnergyMethod.Counter, reading.Method);
        Assert.False(reading.Estimated);
        Assert.False(reading.TooShort);
        Assert.Equal(3, reading.Samples);
    }

    [Fact]
    public async Task Stop_CounterChannel_PeakIsTheHighestRateBetweenSamples()
    {
        var channel = FakeChannel.Counting();
        await using var meter = MeterFactory.Started(_time, channel);

        var window = meter.StartWindow("inference");
        channel.Counter = 10;
        _time.Advance(TimeSpan.FromMilliseconds(100)); // 100 W
        meter.SampleNow();
        channel.Counter = 40;
        _time.Advance(TimeSpan.FromMilliseconds(100)); // 300 W
        meter.SampleNow();
        channel.Counter = 50;
        _time.Advance(TimeSpan.FromMilliseconds(100)); // 100 W

        var reading = Assert.Single(window.Stop().Readings);
        Assert.Equal(300, reading.PeakWatts!.Value, 9);
        Assert.Equal(50, reading.Joules, 9);
    }

    [Fact]
    public async Task Stop_PowerOnlyChannel_IntegratesWithTheTrapezoidRule()
    {
        var channel = FakeChannel.Powered(watts: 100);
        await using var meter = MeterFactory.Started(_time, channel);

        var window = meter.StartWindow("inference");
        channel.Watts = 200;
        _time.Advance(TimeSpan.FromMilliseconds(1000));
        meter.SampleNow();
        channel.Watts = 100;
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var measurement = window.Stop();
        var reading = Assert.Single(measurement.Readings);
        Assert.Equal(150 * 1.0 + 150 * 0.5, reading.Joules, 9);
        Assert.Equal(1.5, measurement.DurationSeconds, 9);
        Assert.Equal(200, reading.PeakWatts);
        Assert.Equal(EnergyMethod.PowerIntegration, reading.Method);
    }

    [Fact]
    public async Task Stop_WrappingCounter_AddsTheWrappedRangeAtEachSampledPoint()
    {
        var channel = FakeChannel.Counting(range: 1_000);
        channel.Counter = 900;
        await using var meter = MeterFactory.Started(_time, channel);

        var window = meter.StartWindow("inference");
        foreach (var counter in new ulong[] { 100, 600, 50 })
        {
            channel.Counter = counter;
            _time.Advance(TimeSpan.FromMilliseconds(100));
            meter.SampleNow();
        }

        channel.Counter = 70;
        _time.Advance(TimeSpan.FromMilliseconds(100));

        // 900→100 wraps (200), 100→600 (500), 600→50 wraps (450), 50→70 (20).
        Assert.Equal(1_170, Assert.Single(window.Stop().Readings).Joules, 9);
    }

    [Fact]
    public async Task Stop_WindowShorterThanTheCounterUpdatePeriod_IsTooShort()
    {
        var channel = FakeChannel.Counting(minimumWindowMs: 100);
        await using var meter = MeterFactory.Started(_time, channel);

        var window = meter.StartWindow("tiny");
        channel.Counter = 3;
        _time.Advance(TimeSpan.FromMilliseconds(20));

        var reading = Assert.Single(window.Stop().Readings);
        Assert.True(reading.TooShort);
        Assert.Equal(3, reading.Joules, 9);
    }

    [Fact]
    public async Task Stop_CounterThatDidNotMove_IsTooShort()
    {
        var channel = FakeChannel.Counting(minimumWindowMs: 100);
        channel.Counter = 42;
        await using var meter = MeterFactory.Started(_time, channel);

        var window = meter.StartWindow("idle");
        _time.Advance(TimeSpan.FromMilliseconds(1_000));

        var reading = Assert.Single(window.Stop().Readings);
        Assert.True(reading.TooShort);
        Assert.Equal(0, reading.Joules);
    }

    [Fact]
    public async Task Stop_OverlappingWindows_EachMeasureTheirOwnSpan()
    {
        var channel = FakeChannel.Counting();
        await using var meter = MeterFactory.Started(_time, channel);

        var run = meter.StartWindow("run");
        channel.Counter = 10;
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var repetition = meter.StartWindow("repetition-1");
        channel.Counter = 30;
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var repetitionReading = Assert.Single(repetition.Stop().Readings);
        channel.Counter = 35;
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var runMeasurement = run.Stop();

        Assert.Equal(20, repetitionReading.Joules, 9);
        Assert.Equal(35, runMeasurement.TotalJoules, 9);
        Assert.Equal(0.3, runMeasurement.DurationSeconds, 9);
        Assert.Equal("run", runMeasurement.Phase);
        Assert.Equal(ManualTimeProvider.Epoch, runMeasurement.StartedAt);
    }

    [Fact]
    public async Task Stop_CalledTwice_Throws()
    {
        await using var meter = MeterFactory.Started(_time, FakeChannel.Counting());
        var window = meter.StartWindow("inference");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        window.Stop();

        var error = Assert.Throws<InvalidOperationException>(window.Stop);
        Assert.Contains("already stopped", error.Message);
        Assert.True(window.IsStopped);
    }

    [Fact]
    public async Task Stop_ZeroLengthWindow_Throws()
    {
        await using var meter = MeterFactory.Started(_time, FakeChannel.Counting());
        var window = meter.StartWindow("inference");

        var error = Assert.Throws<InvalidOperationException>(window.Stop);
        Assert.Contains("zero length", error.Message);
    }

    [Fact]
    public async Task Stop_SensorFailedInsideTheWindow_ThrowsNamingTheDomain()
    {
        var channel = FakeChannel.Counting(device: "intel-rapl:1");
        await using var meter = MeterFactory.Started(_time, channel);
        var window = meter.StartWindow("inference");
        channel.Failure = "energy_uj vanished";
        _time.Advance(TimeSpan.FromMilliseconds(100));
        meter.SampleNow();
        channel.Failure = null;
        _time.Advance(TimeSpan.FromMilliseconds(100));

        var error = Assert.Throws<EnergyMeasurementException>(window.Stop);
        Assert.Contains("intel-rapl:1", error.Message);
        Assert.Contains("energy_uj vanished", error.Message);
    }

    [Fact]
    public async Task Stop_StartSampleFailed_ThrowsBecauseTheWindowHasNoBaseline()
    {
        var channel = FakeChannel.Counting(device: "intel-rapl:0");
        await using var meter = MeterFactory.Started(_time, channel);
        channel.Failure = "read error";
        var window = meter.StartWindow("inference");
        channel.Failure = null;
        channel.Counter = 50;
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Throws<EnergyMeasurementException>(window.Stop);
    }

    [Fact]
    public async Task Stop_CounterBackwardsWithoutRange_FailsThatWindowButNotLaterOnes()
    {
        var channel = FakeChannel.Counting();
        channel.Counter = 500;
        await using var meter = MeterFactory.Started(_time, channel);
        var spanning = meter.StartWindow("spanning");
        channel.Counter = 100;
        _time.Advance(TimeSpan.FromMilliseconds(100));
        meter.SampleNow();

        var error = Assert.Throws<EnergyMeasurementException>(spanning.Stop);
        Assert.Contains("went backwards", error.Message);

        var later = meter.StartWindow("later");
        channel.Counter = 160;
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(60, Assert.Single(later.Stop().Readings).Joules, 9);
    }

    [Fact]
    public void StartWindow_BeforeStart_Throws()
    {
        var sources = new Dictionary<MeterKind, FakeSource> { [MeterKind.Rapl] = FakeSource.Measuring("rapl", FakeChannel.Counting()) };
        var meter = MeterFactory.Create(_time, sources, MeterKind.Rapl);

        var error = Assert.Throws<InvalidOperationException>(() => meter.StartWindow("inference"));
        Assert.Contains("StartAsync", error.Message);
    }

    [Fact]
    public async Task Stop_AfterDispose_Throws()
    {
        var meter = MeterFactory.Started(_time, FakeChannel.Counting());
        var window = meter.StartWindow("inference");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await meter.DisposeAsync();

        var error = Assert.Throws<InvalidOperationException>(window.Stop);
        Assert.Contains("disposed", error.Message);
    }
}
