using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Transport;
using EnergyOperator.Testing;

namespace EnergyOperator.Kubernetes.Tests.Client;

public sealed class TokenBucketTests
{
    [Fact]
    public async Task AcquireAsync_BeyondBurst_WaitsUntilATokenRefills()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(tokensPerSecond: 2, burst: 2, time);

        Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully);
        Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully);
        var third = bucket.AcquireAsync(default);
        var fourth = bucket.AcquireAsync(default);
        Assert.False(third.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AcquireAsync_AfterIdleTime_RefillsNoMoreThanTheBurst()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(tokensPerSecond: 10, burst: 3, time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully));
        Assert.False(bucket.AcquireAsync(default).IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_ReturnsItsReservation()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(tokensPerSecond: 1, burst: 1, time);
        await bucket.AcquireAsync(default);
        using var cancellation = new CancellationTokenSource();

        var waiting = bucket.AcquireAsync(cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully);
    }
}
