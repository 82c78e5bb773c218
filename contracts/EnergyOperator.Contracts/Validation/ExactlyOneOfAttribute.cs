namespace EnergyOperator.Contracts.Validation;

/// <summary>Exactly one of the named properties must be set (a Kubernetes-style union such as volume sources).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ExactlyOneOfAttribute(params string[] propertyNames) : Attribute
{
    public IReadOnlyList<string> PropertyNames { get; } = propertyNames;

    /// <summary>"a or b", "a, b or c": the choices as the validator's and the CRD's messages name them.</summary>
    public static string Choices(IReadOnlyList<string> names) =>
        names.Count < 2 ? string.Concat(names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
}
