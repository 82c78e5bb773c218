using EnergyOperator.Runner.Models.Classic;

namespace EnergyOperator.Runner.Models.Embedding;

/// <summary>Trains the classifier head: embeds the train split in batches and fits multinomial logistic regression on it.</summary>
internal static class EmbeddingHeadTrainer
{
    private const int EmbeddingBatchSize = 32;

    public static LinearWeights Train(SentenceEncoder encoder, IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classCount, LogisticRegressionOptions options)
    {
        var dimensions = encoder.Dimensions;
        var indices = Enumerable.Range(0, dimensions).ToArray();
        var rows = new List<SparseVector>(texts.Count);
        var embeddings = new float[EmbeddingBatchSize * dimensions];
        var batch = new List<string>(EmbeddingBatchSize);
        for (var start = 0; start < texts.Count; start += EmbeddingBatchSize)
        {
            batch.Clear();
            for (var i = start; i < Math.Min(start + EmbeddingBatchSize, texts.Count); i++)
            {
                batch.Add(texts[i]);
            }

            encoder.Embed(batch, embeddings);
            for (var row = 0; row < batch.Count; row++)
            {
                // A dense embedding is a sparse row over every dimension; the trainer shares the index array.
                rows.Add(new SparseVector(indices, embeddings.AsSpan(row * dimensions, dimensions).ToArray()));
            }
        }

        return LogisticRegressionTrainer.Train(rows, labels, classCount, dimensions, options);
    }
}
