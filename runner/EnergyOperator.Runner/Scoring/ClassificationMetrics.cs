using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Runner.Scoring;

/// <summary>How well predictions match the truth over a test set.</summary>
/// <param name="MacroF1">Mean F1 of the classes that occur in the truth or the predictions.</param>
/// <param name="PerClass">One entry per label, in label order; precision (recall) is 0 when the class is never predicted (never true).</param>
/// <param name="ConfusionMatrix">Counts indexed [true label][predicted label], in label order.</param>
public sealed record ClassificationMetrics(
    int SampleCount,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ClassScore> PerClass,
    int[][] ConfusionMatrix);
