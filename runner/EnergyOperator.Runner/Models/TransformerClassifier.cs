using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// Any ONNX text classifier of the BERT family: WordPiece-encodes a batch into <c>input_ids</c>, <c>attention_mask</c> and, when
/// the model declares it, <c>token_type_ids</c> ([batch, length], int64 or int32), runs it, and maps the arg-max logit (float or
/// float16) to a dataset label.
/// </summary>
internal sealed class TransformerClassifier : ITextClassifier, IDisposable
{
    private readonly BertBatchEncoder _encoder;
    private readonly BoundSession _session;
    private readonly string _output;
    private readonly int[] _logitToLabel;
    private readonly bool _feedsTokenTypes;
    private readonly EncodedBatch _batch = new();

    /// <param name="logitToLabel">Dataset label index of each logit column.</param>
    public TransformerClassifier(BertBatchEncoder encoder, BoundSession session, string output, int[] logitToLabel)
    {
        _encoder = encoder;
        _session = session;
        _output = output;
        _logitToLabel = logitToLabel;
        _feedsTokenTypes = BertInputs.TakesTokenTypes(session);
    }

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions)
    {
        _encoder.Encode(texts, _batch);
        BertInputs.Bind(_session, _batch, _feedsTokenTypes);
        var logits = _session.Run(_output, [texts.Count, _logitToLabel.Length]);
        Logits.ArgMaxRows(logits, texts.Count, predictions);
        for (var row = 0; row < texts.Count; row++)
        {
            predictions[row] = _logitToLabel[predictions[row]];
        }
    }

    public void Dispose() => _session.Dispose();
}
