namespace EnergyOperator.Kubernetes.Testing.Store;

/// <summary><c>deleteOptions.propagationPolicy</c>, parsed: what happens to the dependents of a deleted object.</summary>
public enum PropagationPolicy
{
    Background,
    Foreground,
    Orphan,
}
