namespace EnergyOperator.Contracts.Validation;

/// <summary>
/// Every item of a list of numbers must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>]: the CRD's
/// <c>items.minimum/maximum</c> and <see cref="SpecValidator"/>'s per-item check.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ItemRangeAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;
    public int Maximum { get; } = maximum;
}
