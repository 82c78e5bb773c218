namespace EnergyOperator.Runner.Data;

/// <summary>Texts with their int labels (indices into the split's <see cref="LabelSet"/>), as the models take them.</summary>
/// <param name="SampleIds">Each text's position in the dataset, so that a split can be exported and reproduced outside the tool.</param>
public sealed record TextPartition(IReadOnlyList<string> Texts, IReadOnlyList<int> Labels, IReadOnlyList<int> SampleIds)
{
    public int Count => Texts.Count;
}

/// <summary>A dataset cut into a training and a test partition sharing one label list.</summary>
public sealed record DatasetSplit(string Name, LabelSet Labels, TextPartition Train, TextPartition Test)
{
    /// <summary>
    /// SHA-256 (lower-case hex) that names this split: what a model trained elsewhere records so that its test accuracy can be
    /// shown to come from texts it never saw. It hashes, for train then test, one line per text:
    /// <c>partition \t sampleId \t label \t sha256(text) \n</c>, all UTF-8.
    /// </summary>
    public string Fingerprint() => SplitFingerprint.Of(this);
}
