using EnergyOperator.Meter.Sampling;

namespace EnergyOperator.Meter.Tests.Sampling;

public sealed class CounterDeltaTests
{
    [Theory]
    [InlineData(100UL, 250UL, null, 150UL)]
    [InlineData(100UL, 100UL, 1_000UL, 0UL)]
    [InlineData(900UL, 50UL, 1_000UL, 150UL)]
    [InlineData(262_143_328_850UL, 10UL, 262_143_328_850UL, 10UL)]
    public void TryCompute_ForwardOrWrapped_ReturnsEnergyDelta(ulong previous, ulong current, ulong? range, ulong expected)
    {
        Assert.True(CounterDelta.TryCompute(previous, current, range, out var delta));
        Assert.Equal(expected, delta);
    }

    [Fact]
    public void TryCompute_BackwardsWithoutRange_Fails()
    {
        Assert.False(CounterDelta.TryCompute(500, 100, null, out _));
    }

    [Fact]
    public void TryCompute_PreviousBeyondTheRange_FailsInsteadOfUnderflowing()
    {
        Assert.False(CounterDelta.TryCompute(2_000, 100, 1_000, out _));
    }
}
