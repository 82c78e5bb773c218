using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Models.Embedding;

/// <summary>
/// Logistic regression on sentence embeddings, the study's best accuracy per joule: the encoder embeds a batch, a linear head
/// trained on the train split's embeddings scores it. Both run inside the inference window.
/// </summary>
internal sealed class EmbeddingClassifier(SentenceEncoder encoder, LinearWeights head, int classCount) : ITextClassifier, IDisposable
{
    private float[] _embeddings = [];

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions, Span<float> scores)
    {
        Logits.RequireRoom(texts.Count, classCount, predictions, scores);
        var dimensions = encoder.Dimensions;
        if (_embeddings.Length < texts.Count * dimensions)
        {
            _embeddings = new float[texts.Count * dimensions];
        }

        encoder.Embed(texts, _embeddings);
        for (var row = 0; row < texts.Count; row++)
        {
            var probabilities = scores.Slice(row * classCount, classCount);
            Score(_embeddings.AsSpan(row * dimensions, dimensions), probabilities);
            Logits.Softmax(probabilities);
            predictions[row] = Logits.ArgMax(probabilities);
        }
    }

    public void Dispose() => encoder.Dispose();

    /// <summary>W·x + b, with the trainer's layout: weights[feature × classes + class].</summary>
    private void Score(ReadOnlySpan<float> embedding, Span<float> logits)
    {
        head.Bias.CopyTo(logits);
        for (var feature = 0; feature < embedding.Length; feature++)
        {
            var weights = head.Weights.AsSpan(feature * classCount, classCount);
            for (var c = 0; c < classCount; c++)
            {
                logits[c] += weights[c] * embedding[feature];
            }
        }
    }
}
