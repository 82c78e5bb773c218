using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Runner.Scoring;

/// <summary>Scores predicted int labels (indices into a label list) against the true ones.</summary>
public static class ClassificationScorer
{
    /// <summary>A prediction naming no label (a zero-shot answer with no answer word): wrong, and in no column of the confusion matrix.</summary>
    public const int NoLabel = -1;

    /// <remarks>
    /// Zero division follows scikit-learn's zero_division=0: a ratio with a zero denominator (precision of a class
    /// never predicted, recall of a class never true, F1 when precision + recall = 0) is 0. Like scikit-learn's default,
    /// the macro average leaves out classes that appear in neither the truth nor the predictions, so that a label the
    /// test set lacks does not count as a failure. A <see cref="NoLabel"/> prediction counts in its true class's support, so it
    /// lowers that class's recall, but in no class's precision; its confusion-matrix row falls short of the support by it.
    /// </remarks>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a label is out of range.</exception>
    public static ClassificationMetrics Score(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> labels)
    {
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException($"There are {truth.Count} true labels but {predicted.Count} predictions; score one prediction per sample.", nameof(predicted));
        }

        if (truth.Count == 0)
        {
            throw new ArgumentException("There is nothing to score: the test set is empty.", nameof(truth));
        }

        int classCount = labels.Count;
        int[][] confusion = [.. Enumerable.Range(0, classCount).Select(_ => new int[classCount])];
        var supports = new int[classCount];
        for (int sample = 0; sample < truth.Count; sample++)
        {
            int trueLabel = CheckLabel(truth[sample], sample, classCount, nameof(truth));
            supports[trueLabel]++;
            if (predicted[sample] != NoLabel)
            {
                confusion[trueLabel][CheckLabel(predicted[sample], sample, classCount, nameof(predicted))]++;
            }
        }

        var perClass = new ClassScore[classCount];
        int correct = 0;
        double f1Sum = 0;
        int scoredClasses = 0;
        for (int label = 0; label < classCount; label++)
        {
            int truePositives = confusion[label][label];
            int support = supports[label];
            int predictions = confusion.Sum(row => row[label]);
            double precision = Ratio(truePositives, predictions);
            double recall = Ratio(truePositives, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[label] = new ClassScore(labels[label], precision, recall, f1, support);
            correct += truePositives;
            if (support > 0 || predictions > 0)
            {
                f1Sum += f1;
                scoredClasses++;
            }
        }

        return new ClassificationMetrics(truth.Count, (double)correct / truth.Count, f1Sum / scoredClasses, [.. labels], perClass, confusion);
    }

    private static int CheckLabel(int label, int sample, int classCount, string parameter) =>
        label >= 0 && label < classCount
            ? label
            : throw new ArgumentException($"Sample {sample} has label {label}, outside the {classCount} known labels (0 to {classCount - 1}).", parameter);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
