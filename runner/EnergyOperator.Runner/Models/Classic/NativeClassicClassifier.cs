using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// In-process prediction with a <see cref="ClassicTextModel"/>: featurizes each text and takes the argmax of its logits
/// (softmax does not change the argmax, so it is skipped). Buffers are reused across calls, so steady-state prediction
/// allocates nothing; not thread-safe, use one instance per thread (they can share the model).
/// </summary>
public sealed class NativeClassicClassifier : ITextClassifier
{
    private readonly FeaturizerWorkspace workspace = new();
    private readonly float[] logits;

    public NativeClassicClassifier(ClassicTextModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        logits = new float[model.ClassCount];
    }

    public ClassicTextModel Model { get; }

    /// <summary>Writes the predicted label index of <c>texts[i]</c> to <c>predictedLabels[i]</c>.</summary>
    public void Predict(IReadOnlyList<string> texts, Span<int> predictedLabels)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (predictedLabels.Length < texts.Count)
        {
            throw new ArgumentException($"{texts.Count} texts need {texts.Count} label slots; the span has {predictedLabels.Length}.", nameof(predictedLabels));
        }

        HashedTfidfFeaturizer featurizer = Model.Featurizer;
        for (int i = 0; i < texts.Count; i++)
        {
            featurizer.Featurize(HashedTfidfFeaturizer.TextAt(texts, i), workspace);
            Model.ComputeLogits<int>(workspace.Indices, workspace.Values, logits);
            predictedLabels[i] = Logits.ArgMax(logits);
        }
    }
}
