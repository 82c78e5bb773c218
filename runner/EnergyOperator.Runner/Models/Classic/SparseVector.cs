namespace EnergyOperator.Runner.Models.Classic;

/// <summary>A sparse feature vector: strictly increasing feature indices and their values.</summary>
public sealed class SparseVector
{
    private readonly int[] indices;
    private readonly float[] values;

    internal SparseVector(int[] indices, float[] values)
    {
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"A sparse vector needs as many values ({values.Length}) as indices ({indices.Length}).", nameof(values));
        }

        this.indices = indices;
        this.values = values;
    }

    public int Count => indices.Length;

    public ReadOnlySpan<int> Indices => indices;

    public ReadOnlySpan<float> Values => values;
}
