namespace EnergyOperator.Runner.Data;

/// <summary>A named, non-empty set of labelled texts whose labels all belong to <see cref="Labels"/>.</summary>
public sealed class TextDataset
{
    /// <param name="labels">The label order; by default the distinct labels of <paramref name="samples"/>, sorted ordinally.</param>
    /// <exception cref="InvalidDataException">There are no samples, or a sample's label is not in <paramref name="labels"/>.</exception>
    public TextDataset(string name, IReadOnlyList<LabeledText> samples, LabelSet? labels = null)
    {
        if (samples.Count == 0)
        {
            throw new InvalidDataException($"Dataset '{name}' has no samples; point it at a file with at least one labelled text.");
        }

        Labels = labels ?? LabelSet.SortedDistinct(samples.Select(sample => sample.Label));
        foreach (var sample in samples)
        {
            if (!Labels.TryGetIndex(sample.Label, out _))
            {
                throw new InvalidDataException(
                    $"Dataset '{name}' has label '{sample.Label}', which is not in the configured labels [{Labels}]; add it to the labels or leave them unset to use every label the data has.");
            }
        }

        Name = name;
        Samples = samples;
    }

    public string Name { get; }

    public LabelSet Labels { get; }

    public IReadOnlyList<LabeledText> Samples { get; }

    /// <summary>The same samples with an explicit label order (e.g. the one a trained model was built with).</summary>
    public TextDataset WithLabels(IEnumerable<string> labels) => new(Name, Samples, LabelSet.InOrder(labels));
}
