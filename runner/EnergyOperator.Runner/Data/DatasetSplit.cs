namespace EnergyOperator.Runner.Data;

/// <summary>Texts with their int labels (indices into the split's <see cref="LabelSet"/>), as the models take them.</summary>
public sealed record TextPartition(IReadOnlyList<string> Texts, IReadOnlyList<int> Labels)
{
    public int Count => Texts.Count;
}

/// <summary>A dataset cut into a training and a test partition sharing one label list.</summary>
public sealed record DatasetSplit(string Name, LabelSet Labels, TextPartition Train, TextPartition Test);
