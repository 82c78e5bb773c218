namespace EnergyOperator.Contracts.Validation;

/// <summary>Exactly one of the named properties must be set (a Kubernetes-style union such as volume sources).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ExactlyOneOfAttribute(params string[] propertyNames) : Attribute
{
    public IReadOnlyList<string> PropertyNames { get; } = propertyNames;
}
