namespace EnergyOperator.Runner.Models;

/// <summary>
/// A model ready to score texts. The inference window times and meters <see cref="Predict"/> only, so it includes the model's
/// own preprocessing (featurizing, tokenizing): that is part of what inference costs. Classifiers that hold native resources
/// (ONNX Runtime sessions) are also <see cref="IDisposable"/>.
/// </summary>
public interface ITextClassifier
{
    /// <summary>Writes the predicted class index, in the dataset's label order, of each text.</summary>
    void Predict(IReadOnlyList<string> texts, Span<int> predictions);
}
