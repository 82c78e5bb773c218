namespace EnergyOperator.Runner.Models;

/// <summary>
/// A model ready to score texts. The inference window times and meters <see cref="Predict"/> only, so it includes the model's
/// own preprocessing (featurizing, tokenizing): that is part of what inference costs. Classifiers that hold native resources
/// (ONNX Runtime sessions) are also <see cref="IDisposable"/>.
/// </summary>
public interface ITextClassifier
{
    /// <summary>
    /// Writes each text's class probabilities, in the dataset's label order, to <paramref name="scores"/> (row-major,
    /// <c>texts.Count</c> rows of one column per dataset label) and the index of its most probable label to
    /// <paramref name="predictions"/>.
    /// </summary>
    void Predict(IReadOnlyList<string> texts, Span<int> predictions, Span<float> scores);
}
