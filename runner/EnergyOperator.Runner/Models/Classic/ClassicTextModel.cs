using System.Numerics;
using EnergyOperator.Runner.Models;

namespace EnergyOperator.Runner.Models.Classic;

/// <summary>
/// A trained classic text classifier: the fitted <see cref="HashedTfidfFeaturizer"/> followed by a linear layer and
/// softmax. Immutable and thread-safe. Train one with <see cref="ClassicTextModelTrainer"/>; predict in-process with
/// <see cref="NativeClassicClassifier"/>, or export <see cref="Weights"/> and <see cref="Bias"/> to ONNX and feed it a
/// <see cref="SparseBatch"/>.
/// </summary>
public sealed class ClassicTextModel
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly string[] labels;

    internal ClassicTextModel(HashedTfidfFeaturizer featurizer, string[] labels, float[] weights, float[] bias)
    {
        if (labels.Length < 2)
        {
            throw new ArgumentException($"A classifier needs at least 2 labels (got {labels.Length}).", nameof(labels));
        }

        if (weights.Length != (long)featurizer.FeatureCount * labels.Length)
        {
            throw new ArgumentException($"Expected {featurizer.FeatureCount} × {labels.Length} weights, got {weights.Length}.", nameof(weights));
        }

        if (bias.Length != labels.Length)
        {
            throw new ArgumentException($"Expected {labels.Length} biases, got {bias.Length}.", nameof(bias));
        }

        Featurizer = featurizer;
        this.labels = labels;
        this.weights = weights;
        this.bias = bias;
    }

    public HashedTfidfFeaturizer Featurizer { get; }

    public int FeatureCount => Featurizer.FeatureCount;

    public int ClassCount => labels.Length;

    /// <summary>Class names; a predicted label is an index into this list.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Row-major [<see cref="FeatureCount"/>, <see cref="ClassCount"/>]: the weight of feature f for class c is at f × ClassCount + c.</summary>
    public ReadOnlyMemory<float> Weights => weights;

    public ReadOnlyMemory<float> Bias => bias;

    /// <summary>Class probabilities for each text, row-major [texts.Count, <see cref="ClassCount"/>].</summary>
    public float[] PredictProbabilities(IReadOnlyList<string> texts)
    {
        var batch = new SparseBatch();
        Featurizer.Transform(texts, batch);
        var probabilities = new float[batch.Count * ClassCount];
        PredictProbabilities(batch, probabilities);
        return probabilities;
    }

    /// <summary>
    /// Class probabilities for each row of <paramref name="batch"/> into <paramref name="probabilities"/>, row-major
    /// [batch.Count, <see cref="ClassCount"/>]; the same computation as the exported ONNX model, padding included.
    /// </summary>
    public void PredictProbabilities(SparseBatch batch, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int needed = batch.Count * ClassCount;
        if (probabilities.Length < needed)
        {
            throw new ArgumentException($"{batch.Count} rows × {ClassCount} classes need {needed} elements; the span has {probabilities.Length}.", nameof(probabilities));
        }

        for (int row = 0; row < batch.Count; row++)
        {
            Span<float> rowProbabilities = probabilities.Slice(row * ClassCount, ClassCount);
            ComputeLogits<long>(batch.Indices.AsSpan(row * batch.Width, batch.Width), batch.Values.AsSpan(row * batch.Width, batch.Width), rowProbabilities);
            Logits.Softmax(rowProbabilities);
        }
    }

    /// <summary>W·x + b for one sparse row; zero values (padding) are skipped.</summary>
    internal void ComputeLogits<TIndex>(ReadOnlySpan<TIndex> indices, ReadOnlySpan<float> values, Span<float> logits)
        where TIndex : IBinaryInteger<TIndex>
    {
        int classCount = ClassCount;
        bias.CopyTo(logits);
        for (int i = 0; i < indices.Length; i++)
        {
            float value = values[i];
            if (value == 0f)
            {
                continue;
            }

            ReadOnlySpan<float> row = weights.AsSpan(int.CreateChecked(indices[i]) * classCount, classCount);
            for (int c = 0; c < classCount; c++)
            {
                logits[c] += row[c] * value;
            }
        }
    }

    public void Save(Stream stream) => ClassicModelFormat.Write(this, stream);

    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Save(stream);
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>; throws <see cref="InvalidDataException"/> if it is not one or is damaged.</summary>
    public static ClassicTextModel Load(Stream stream) => ClassicModelFormat.Read(stream);

    /// <summary>Reads a model file; a corrupt or truncated file gives an <see cref="InvalidDataException"/> naming it.</summary>
    public static ClassicTextModel Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return Load(stream);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"Classic model file '{path}' cannot be loaded: {exception.Message} Re-train the model or point to the right file.", exception);
        }
    }
}
