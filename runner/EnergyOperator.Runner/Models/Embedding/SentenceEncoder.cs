using EnergyOperator.Contracts.V1Alpha1;
using System.Numerics.Tensors;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Models.Embedding;

/// <summary>
/// Sentence embeddings from a BERT-family encoder: tokenizes a batch, runs the model to its token states
/// [batch, sequence, <see cref="Dimensions"/>], pools them (mean under the attention mask, or the [CLS] token) and optionally
/// scales each embedding to unit length, as sentence-transformers does. Not thread-safe: one per classifier.
/// </summary>
internal sealed class SentenceEncoder(BertBatchEncoder tokenizer, BoundSession session, string output, int dimensions, EmbeddingPooling pooling, bool normalize)
    : IDisposable
{
    private readonly EncodedBatch _batch = new();
    private readonly bool _feedsTokenTypes = BertInputs.TakesTokenTypes(session);

    public int Dimensions => dimensions;

    /// <summary>Writes one embedding per text into <paramref name="embeddings"/>, row-major [texts, <see cref="Dimensions"/>].</summary>
    public void Embed(IReadOnlyList<string> texts, Span<float> embeddings)
    {
        tokenizer.Encode(texts, _batch);
        BertInputs.Bind(session, _batch, _feedsTokenTypes);
        var states = session.Run(output, [_batch.BatchSize, _batch.SequenceLength, dimensions]);
        var mask = _batch.AttentionMask.Span;
        var length = _batch.SequenceLength;
        for (var row = 0; row < texts.Count; row++)
        {
            var embedding = embeddings.Slice(row * dimensions, dimensions);
            var rowStates = states.Slice(row * length * dimensions, length * dimensions);
            if (pooling == EmbeddingPooling.Cls)
            {
                rowStates[..dimensions].CopyTo(embedding);
            }
            else
            {
                MeanUnderMask(rowStates, mask.Slice(row * length, length), embedding);
            }

            if (normalize)
            {
                ScaleToUnitLength(embedding);
            }
        }
    }

    public void Dispose() => session.Dispose();

    private static void MeanUnderMask(ReadOnlySpan<float> states, ReadOnlySpan<long> mask, Span<float> embedding)
    {
        embedding.Clear();
        var tokens = 0;
        var dimensions = embedding.Length;
        for (var position = 0; position < mask.Length; position++)
        {
            if (mask[position] == 0)
            {
                continue;
            }

            tokens++;
            TensorPrimitives.Add(embedding, states.Slice(position * dimensions, dimensions), embedding);
        }

        // [CLS] and [SEP] are always there, so tokens > 0.
        TensorPrimitives.Divide(embedding, tokens, embedding);
    }

    private static void ScaleToUnitLength(Span<float> embedding)
    {
        var norm = TensorPrimitives.Norm(embedding);
        if (norm > 0)
        {
            TensorPrimitives.Divide(embedding, norm, embedding);
        }
    }
}
