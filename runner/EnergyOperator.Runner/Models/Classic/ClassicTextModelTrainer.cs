namespace EnergyOperator.Runner.Models.Classic;

/// <summary>Trains a <see cref="ClassicTextModel"/>: fits the hashed TF-IDF featurizer, then the logistic regression.</summary>
public static class ClassicTextModelTrainer
{
    /// <param name="texts">Training texts.</param>
    /// <param name="labels">One label per text, each an index into <paramref name="labelNames"/>.</param>
    /// <param name="labelNames">Distinct class names, at least two.</param>
    public static ClassicTextModel Train(
        IReadOnlyList<string> texts,
        IReadOnlyList<int> labels,
        IReadOnlyList<string> labelNames,
        HashedTfidfOptions? featurizerOptions = null,
        LogisticRegressionOptions? trainerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        string[] names = ValidateLabelNames(labelNames);
        featurizerOptions ??= new HashedTfidfOptions();
        trainerOptions ??= new LogisticRegressionOptions();
        trainerOptions.Validate();
        if (labels.Count != texts.Count)
        {
            throw new ArgumentException($"There are {labels.Count} labels for {texts.Count} texts; give exactly one label per text.", nameof(labels));
        }

        var (featurizer, rows) = HashedTfidfFeaturizer.FitTransform(texts, featurizerOptions);
        LinearWeights trained = LogisticRegressionTrainer.Train(rows, labels, names.Length, featurizer.FeatureCount, trainerOptions);
        return new ClassicTextModel(featurizer, names, trained.Weights, trained.Bias);
    }

    private static string[] ValidateLabelNames(IReadOnlyList<string> labelNames)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        if (labelNames.Count < 2)
        {
            throw new ArgumentException($"A classifier needs at least 2 label names (got {labelNames.Count}).", nameof(labelNames));
        }

        var names = new string[labelNames.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string name = labelNames[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"labelNames[{i}] is empty; every class needs a name.", nameof(labelNames));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"labelNames[{i}] = '{name}' repeats an earlier name; class names must be distinct.", nameof(labelNames));
            }

            names[i] = name;
        }

        return names;
    }
}
