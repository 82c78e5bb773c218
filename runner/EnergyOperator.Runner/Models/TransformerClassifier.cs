using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// Any ONNX text classifier of the BERT family: WordPiece-encodes a batch into <c>input_ids</c>, <c>attention_mask</c> and, when
/// the model declares it, <c>token_type_ids</c> ([batch, length], int64 or int32), runs it, and maps the arg-max logit (float or
/// float16) to a dataset label. Each label's probability is the softmax mass of the logits mapped to it, so a label the model
/// lacks scores 0 and the prediction is the most probable dataset label.
/// </summary>
internal sealed class TransformerClassifier : ITextClassifier, IDisposable
{
    private readonly BertBatchEncoder _encoder;
    private readonly BoundSession _session;
    private readonly string _output;
    private readonly int[] _logitToLabel;
    private readonly int _labelCount;
    private readonly float[] _probabilities;
    private readonly bool _feedsTokenTypes;
    private readonly EncodedBatch _batch = new();

    /// <param name="logitToLabel">Dataset label index of each logit column.</param>
    /// <param name="labelCount">The dataset's label count: the width of a row of scores.</param>
    public TransformerClassifier(BertBatchEncoder encoder, BoundSession session, string output, int[] logitToLabel, int labelCount)
    {
        _encoder = encoder;
        _session = session;
        _output = output;
        _logitToLabel = logitToLabel;
        _labelCount = labelCount;
        _probabilities = new float[logitToLabel.Length];
        _feedsTokenTypes = BertInputs.TakesTokenTypes(session);
    }

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions, Span<float> scores)
    {
        Logits.RequireRoom(texts.Count, _labelCount, predictions, scores);
        _encoder.Encode(texts, _batch);
        BertInputs.Bind(_session, _batch, _feedsTokenTypes);
        var logits = _session.Run(_output, [texts.Count, _logitToLabel.Length]);
        var row = _probabilities.AsSpan();
        for (var i = 0; i < texts.Count; i++)
        {
            logits.Slice(i * _logitToLabel.Length, _logitToLabel.Length).CopyTo(row);
            Logits.Softmax(row);
            var labels = scores.Slice(i * _labelCount, _labelCount);
            labels.Clear();
            for (var logit = 0; logit < row.Length; logit++)
            {
                labels[_logitToLabel[logit]] += row[logit];
            }

            predictions[i] = Logits.ArgMax(labels);
        }
    }

    public void Dispose() => _session.Dispose();
}
