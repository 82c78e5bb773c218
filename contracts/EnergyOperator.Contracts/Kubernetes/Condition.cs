namespace EnergyOperator.Contracts.Kubernetes;

/// <summary>A <c>metav1.Condition</c>: what <c>kubectl wait --for=condition=…</c> reads.</summary>
public sealed record Condition(string Type, string Status, string Reason, string Message)
{
    public DateTimeOffset? LastTransitionTime { get; set; }
    public long? ObservedGeneration { get; set; }
}
