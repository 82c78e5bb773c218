using EnergyOperator.Controllers.Queue;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Testing;

namespace EnergyOperator.Controllers.Tests;

public sealed class WorkQueueTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Add_SameKeyTwice_HandsItOutOnce()
    {
        var queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(("a", false), await queue.GetAsync(default));
        Assert.Equal(("b", false), await queue.GetAsync(default));
        Assert.False(queue.GetAsync(default).IsCompleted);
    }

    [Fact]
    public async Task Add_WhileProcessing_WaitsForDoneThenHandsItOutAgain()
    {
        var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync(default);

        queue.Add("a");
        var second = queue.GetAsync(default);
        Assert.False(second.IsCompleted);

        queue.Done(item);
        Assert.Equal(("a", false), await second);
    }

    [Fact]
    public void AddAfter_SeveralDelays_EarliestWinsAndLaterOnesAreNotExtraRuns()
    {
        var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(2));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void AddAfter_ThenImmediateAdd_RunsNow()
    {
        var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromHours(1));

        queue.Add("a");

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddAfter_DueWhileProcessing_IsNotLost()
    {
        var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync(default);
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Count);
        queue.Done(item);

        Assert.Equal(("a", false), await queue.GetAsync(default));
    }

    [Fact]
    public void ItemExponentialRateLimiter_Failures_DoubleFromBaseToCapAndForgetResets()
    {
        var limiter = new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        var delays = Enumerable.Range(0, 5).Select(_ => limiter.When("a").TotalMilliseconds).ToList();
        Assert.Equal([5, 10, 20, 40, 80], delays);
        Assert.Equal(5, limiter.When("b").TotalMilliseconds);

        for (var i = 0; i < 100; i++)
        {
            limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("a"));

        limiter.Forget("a");
        Assert.Equal(0, limiter.Failures("a"));
        Assert.Equal(5, limiter.When("a").TotalMilliseconds);
    }

    [Fact]
    public void MaxOfRateLimiter_BucketExhausted_TakesTheLongerDelay()
    {
        var limiter = new MaxOfRateLimiter<string>(
            new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new TokenBucketRateLimiter<string>(qps: 10, burst: 1, _time));

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("b"));
    }

    [Fact]
    public void AddRateLimited_SecondFailure_WaitsTwiceAsLong()
    {
        var queue = NewQueue();
        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);

        queue.AddRateLimited("b");
        queue.AddRateLimited("b");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, queue.Count);
        Assert.Equal(2, queue.Failures("b"));

        queue.Forget("b");
        Assert.Equal(0, queue.Failures("b"));
    }

    [Fact]
    public async Task ShutDownAsync_ItemInFlight_CompletesOnlyAfterDone()
    {
        var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        var (item, _) = await queue.GetAsync(default);

        var shutdown = queue.ShutDownAsync();

        Assert.False(shutdown.IsCompleted);
        Assert.True((await queue.GetAsync(default)).ShuttingDown);
        queue.Done(item);
        await shutdown.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GetAsync_Canceled_DoesNotSwallowALaterItem()
    {
        var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        queue.Add("a");

        Assert.Equal(("a", false), await queue.GetAsync(default));
    }

    private WorkQueue<string> NewQueue() =>
        new(new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), _time);
}
