using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// Any ONNX text classifier of the BERT family: WordPiece-encodes a batch into <c>input_ids</c>, <c>attention_mask</c> and, when
/// the model declares it, <c>token_type_ids</c> ([batch, length] int64), runs it, and maps the arg-max logit to a dataset label.
/// </summary>
internal sealed class TransformerClassifier : ITextClassifier, IDisposable
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";

    private readonly BertBatchEncoder _encoder;
    private readonly OrtSession _session;
    private readonly string[] _outputs;
    private readonly int[] _logitToLabel;
    private readonly bool _feedsTokenTypes;
    private readonly EncodedBatch _batch = new();
    private readonly Dictionary<string, OrtTensor> _inputs = new(StringComparer.Ordinal);

    /// <param name="logitToLabel">Dataset label index of each logit column.</param>
    public TransformerClassifier(BertBatchEncoder encoder, OrtSession session, string output, int[] logitToLabel)
    {
        _encoder = encoder;
        _session = session;
        _outputs = [output];
        _logitToLabel = logitToLabel;
        _feedsTokenTypes = session.Inputs.Any(i => i.Name == TokenTypeIds);
    }

    public void Predict(IReadOnlyList<string> texts, Span<int> predictions)
    {
        _encoder.Encode(texts, _batch);
        long[] shape = [_batch.BatchSize, _batch.SequenceLength];
        using var ids = OrtTensor.Create(_batch.InputIds, shape);
        using var mask = OrtTensor.Create(_batch.AttentionMask, shape);
        using var types = _feedsTokenTypes ? OrtTensor.Create(_batch.TokenTypeIds, shape) : null;
        _inputs[InputIds] = ids;
        _inputs[AttentionMask] = mask;
        if (types is not null)
        {
            _inputs[TokenTypeIds] = types;
        }

        using var outputs = _session.Run(_inputs, _outputs);
        if (outputs[0].Shape is not [_, var logits] || logits != _logitToLabel.Length)
        {
            throw new InvalidDataException(
                $"Output '{_outputs[0]}' has shape [{string.Join(", ", outputs[0].Shape)}] but a [batch, {_logitToLabel.Length}] logits tensor was expected, one logit per label.");
        }

        Logits.ArgMaxRows(outputs[0].GetData<float>(), texts.Count, predictions);
        for (var row = 0; row < texts.Count; row++)
        {
            predictions[row] = _logitToLabel[predictions[row]];
        }
    }

    public void Dispose() => _session.Dispose();
}
