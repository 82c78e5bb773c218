using k8s.Models;

namespace EnergyOperator.Controllers.Events;

public enum EventType
{
    Normal,
    Warning,
}

/// <summary>Writes Kubernetes Events about an object (what <c>kubectl describe</c> shows). Best effort: failures are logged, never thrown.</summary>
public interface IEventRecorder
{
    Task RecordAsync(string apiVersion, string kind, V1ObjectMeta involved, EventType type, string reason, string message, CancellationToken cancellationToken);
}
