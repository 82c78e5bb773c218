namespace EnergyOperator.Controllers.Queue;

/// <summary>
/// The controller's queue of keys, with client-go's guarantees: a key queued many times is handed out once; a key being
/// processed is never handed to a second worker (re-added meanwhile, it is handed out again after <see cref="Done"/>);
/// a delayed add is never lost (the earliest pending time wins); failures back off per key through the rate limiter.
/// </summary>
public sealed class WorkQueue<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _ready = new();

    // Keys that need processing: queued, or re-added while being processed.
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];

    // Delayed adds: the authoritative due time per key, and a heap that may hold superseded entries (skipped when popped).
    private readonly Dictionary<T, long> _waiting = [];
    private readonly PriorityQueue<T, long> _waitingByDue = new();
    private readonly LinkedList<TaskCompletionSource<(T, bool)>> _getters = new();
    private readonly IRateLimiter<T> _rateLimiter;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private TaskCompletionSource? _drained;
    private bool _shuttingDown;

    public WorkQueue(IRateLimiter<T> rateLimiter, TimeProvider? timeProvider = null)
    {
        _rateLimiter = rateLimiter;
        _time = timeProvider ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => PromoteDueItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys ready to be handed out now (delayed and in-flight keys are not counted).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Called with <see cref="Count"/> whenever it changes, under the queue's lock: keep it cheap (a gauge).</summary>
    internal Action<int>? DepthChanged { get; init; }

    public void Add(T item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; an earlier pending time for the same key wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var due = now + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_waiting.TryGetValue(item, out var pending) && pending <= due)
            {
                return;
            }

            _waiting[item] = due;
            _waitingByDue.Enqueue(item, due);
            ArmTimerLocked(now);
        }
    }

    /// <summary>Adds the key after its backoff: the longer of its own exponential delay and the shared bucket's.</summary>
    public void AddRateLimited(T item) => AddAfter(item, _rateLimiter.When(item));

    /// <summary>Resets the key's backoff; call on success and on terminal failure.</summary>
    public void Forget(T item) => _rateLimiter.Forget(item);

    /// <summary>Failures of the key since it was last forgotten.</summary>
    public int Failures(T item) => _rateLimiter.Failures(item);

    /// <summary>The next key to process; <c>ShuttingDown</c> is true (and the item meaningless) once the queue is shut down.</summary>
    public async Task<(T Item, bool ShuttingDown)> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<(T, bool)> getter;
        LinkedListNode<TaskCompletionSource<(T, bool)>> node;
        lock (_gate)
        {
            if (_ready.TryDequeue(out var item))
            {
                _dirty.Remove(item);
                _processing.Add(item);
                DepthChanged?.Invoke(_ready.Count);
                return (item, false);
            }

            if (_shuttingDown)
            {
                return (default!, true);
            }

            getter = new TaskCompletionSource<(T, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _getters.AddLast(getter);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                // Still listed means no key was handed to it yet; once handed, the key must be processed, not dropped.
                if (node.List is not null)
                {
                    _getters.Remove(node);
                    getter.TrySetCanceled(cancellationToken);
                }
            }
        }).ConfigureAwait(false);
        return await getter.Task.ConfigureAwait(false);
    }

    /// <summary>Ends processing of a key from <see cref="GetAsync"/>; a key re-added meanwhile is queued again now.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            _processing.Remove(item);
            if (_shuttingDown)
            {
                if (_processing.Count == 0)
                {
                    _drained?.TrySetResult();
                }
            }
            else if (_dirty.Contains(item))
            {
                EnqueueLocked(item);
            }
        }
    }

    /// <summary>
    /// Stops handing out keys (waiting getters get <c>ShuttingDown</c>), drops queued and delayed keys, and completes
    /// once every key handed out has been marked <see cref="Done"/>.
    /// </summary>
    public Task ShutDownAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_shuttingDown)
            {
                _shuttingDown = true;
                _timer.Dispose();
                foreach (var getter in _getters)
                {
                    getter.TrySetResult((default!, true));
                }

                _getters.Clear();
                _ready.Clear();
                _dirty.Clear();
                _waiting.Clear();
                _waitingByDue.Clear();
                DepthChanged?.Invoke(0);
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_processing.Count == 0)
                {
                    _drained.TrySetResult();
                }
            }

            return _drained!.Task.WaitAsync(cancellationToken);
        }
    }

    private void AddLocked(T item)
    {
        if (_shuttingDown || !_dirty.Add(item) || _processing.Contains(item))
        {
            return;
        }

        EnqueueLocked(item);
    }

    private void EnqueueLocked(T item)
    {
        if (_getters.First is { } first)
        {
            _getters.RemoveFirst();
            _dirty.Remove(item);
            _processing.Add(item);
            first.Value.TrySetResult((item, false));
            return;
        }

        _ready.Enqueue(item);
        DepthChanged?.Invoke(_ready.Count);
    }

    private void PromoteDueItems()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = _time.GetTimestamp();
            while (_waitingByDue.TryPeek(out var item, out var due) && due <= now)
            {
                _waitingByDue.Dequeue();
                if (_waiting.TryGetValue(item, out var current) && current == due)
                {
                    _waiting.Remove(item);
                    AddLocked(item);
                }
            }

            ArmTimerLocked(now);
        }
    }

    private void ArmTimerLocked(long now)
    {
        // Superseded heap entries are dropped here so that the timer is armed for a due time that still counts.
        while (_waitingByDue.TryPeek(out var item, out var due) && (!_waiting.TryGetValue(item, out var current) || current != due))
        {
            _waitingByDue.Dequeue();
        }

        if (_waitingByDue.TryPeek(out _, out var next))
        {
            var wait = next <= now ? TimeSpan.Zero : _time.GetElapsedTime(now, next);
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
