using EnergyOperator.Controllers;
using EnergyOperator.Controllers.Events;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

internal sealed record RecordedEvent(string Object, EventType Type, string Reason, string Message);

internal sealed class RecordingEventRecorder : IEventRecorder
{
    private readonly List<RecordedEvent> _events = [];

    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IEnumerable<string> Reasons => Events.Select(e => e.Reason);

    public Task RecordAsync(string apiVersion, string kind, V1ObjectMeta involved, EventType type, string reason, string message, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(new RecordedEvent($"{kind}/{involved.Name}", type, reason, message));
        }

        return Task.CompletedTask;
    }

    public void Clear()
    {
        lock (_events)
        {
            _events.Clear();
        }
    }
}
