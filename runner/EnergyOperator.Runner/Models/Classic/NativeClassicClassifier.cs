using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// In-process prediction with a <see cref="ClassicTextModel"/>: featurizes each text, turns its logits into probabilities and
/// takes their argmax. Buffers are reused across calls, so steady-state prediction
/// allocates nothing; not thread-safe, use one instance per thread (they can share the model).
/// </summary>
public sealed class NativeClassicClassifier : ITextClassifier
{
    private readonly FeaturizerWorkspace workspace = new();
    public NativeClassicClassifier(ClassicTextModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public ClassicTextModel Model { get; }

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int classes = Model.ClassCount;
        Logits.RequireRoom(texts.Count, classes, predictions, scores);

        HashedTfidfFeaturizer featurizer = Model.Featurizer;
        for (int i = 0; i < texts.Count; i++)
        {
            featurizer.Featurize(HashedTfidfFeaturizer.TextAt(texts, i), workspace);
            Span<float> row = scores.Slice(i * classes, classes);
            Model.ComputeLogits<int>(workspace.Indices, workspace.Values, row);
            Logits.Softmax(row);
            predictions[i] = Logits.ArgMax(row);
        }
    }
}
