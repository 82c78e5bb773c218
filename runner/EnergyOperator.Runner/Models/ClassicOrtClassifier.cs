using EnergyOperator.Runner.Models.Classic;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// The classic model with its linear part exported to ONNX: the same featurizer runs in C# (as a BERT tokenizer would), the
/// sparse rows feed <c>indices</c>/<c>values</c>, and ONNX Runtime computes the class probabilities.
/// </summary>
internal sealed class ClassicOrtClassifier(HashedTfidfFeaturizer featurizer, BoundSession session, int classCount) : ITextClassifier, IDisposable
{
    private readonly SparseBatch _batch = new();

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions, Span<float> scores)
    {
        Logits.RequireRoom(texts.Count, classCount, predictions, scores);
        featurizer.Transform(texts, _batch);
        long[] shape = [_batch.Count, _batch.Width];
        session.BindInt64(LinearTextModelExport.IndicesInput, _batch.Indices.AsMemory(0, _batch.Length), shape);
        session.BindFloat(LinearTextModelExport.ValuesInput, _batch.Values.AsMemory(0, _batch.Length), shape);
        var probabilities = session.Run(LinearTextModelExport.ProbabilitiesOutput, [_batch.Count, classCount]);
        probabilities.CopyTo(scores);
        Logits.ArgMaxRows(probabilities, texts.Count, predictions);
    }

    public void Dispose() => session.Dispose();
}
