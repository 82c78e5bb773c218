using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Text;

namespace EnergyOperator.Runner.Models;

/// <summary>The inputs of BERT-family models, as the Hugging Face exports name them.</summary>
internal static class BertInputs
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";

    /// <summary>Whether the model declares <see cref="TokenTypeIds"/> (DistilBERT-style exports do not).</summary>
    public static bool TakesTokenTypes(BoundSession session) => session.Session.InputMetadata.ContainsKey(TokenTypeIds);

    /// <summary>Binds an encoded batch to the model's inputs; returns the [batch, sequence] shape bound.</summary>
    public static long[] Bind(BoundSession session, EncodedBatch batch, bool tokenTypes)
    {
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        session.BindInt64(InputIds, batch.InputIds, shape);
        session.BindInt64(AttentionMask, batch.AttentionMask, shape);
        if (tokenTypes)
        {
            session.BindInt64(TokenTypeIds, batch.TokenTypeIds, shape);
        }

        return shape;
    }
}
