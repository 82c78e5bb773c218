using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Testing;

namespace EnergyOperator.Meter.Tests.Fakes;

internal static class MeterFactory
{
    /// <summary>A started meter over the given sources, sampled only when the test calls <c>SampleNow</c>.</summary>
    public static EnergyMeter Started(ManualTimeProvider time, IReadOnlyDictionary<MeterKind, FakeSource> sources, params MeterKind[] kinds)
    {
        var meter = Create(time, sources, kinds);
        meter.StartWithoutSamplingLoop();
        return meter;
    }

    public static EnergyMeter Started(ManualTimeProvider time, params FakeChannel[] channels) =>
        Started(time, new Dictionary<MeterKind, FakeSource> { [MeterKind.Rapl] = FakeSource.Measuring("fake", channels) }, MeterKind.Rapl);

    public static EnergyMeter Create(ManualTimeProvider time, IReadOnlyDictionary<MeterKind, FakeSource> sources, params MeterKind[] kinds)
    {
        var options = new EnergyMeterOptions { TimeProvider = time, Sources = kinds };
        return new EnergyMeter(options, kind => sources.TryGetValue(kind, out var source)
            ? source
            : FakeSource.Unavailable(kind.ToString().ToLowerInvariant(), "not on this test machine"));
    }
}
