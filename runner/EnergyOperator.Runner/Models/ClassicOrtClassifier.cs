using EnergyOperator.Runner.Models.Classic;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// The classic model with its linear part exported to ONNX: the same featurizer runs in C# (as a BERT tokenizer would), the
/// sparse rows feed <c>indices</c>/<c>values</c>, and ONNX Runtime computes the class probabilities.
/// </summary>
internal sealed class ClassicOrtClassifier(HashedTfidfFeaturizer featurizer, OrtSession session) : ITextClassifier, IDisposable
{
    private readonly SparseBatch _batch = new();
    private readonly string[] _outputs = [LinearTextModelExport.ProbabilitiesOutput];
    private readonly Dictionary<string, OrtTensor> _inputs = new(StringComparer.Ordinal);

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions)
    {
        featurizer.Transform(texts, _batch);
        long[] shape = [_batch.Count, _batch.Width];
        using var indices = OrtTensor.Create(_batch.Indices.AsMemory(0, _batch.Length), shape);
        using var values = OrtTensor.Create(_batch.Values.AsMemory(0, _batch.Length), shape);
        _inputs[LinearTextModelExport.IndicesInput] = indices;
        _inputs[LinearTextModelExport.ValuesInput] = values;
        using var outputs = session.Run(_inputs, _outputs);
        Logits.ArgMaxRows(outputs[0].GetData<float>(), texts.Count, predictions);
    }

    public void Dispose() => session.Dispose();
}
