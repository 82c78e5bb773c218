using System.Security.Cryptography;
using System.Text;

namespace EnergyOperator.Runner.Data;

/// <summary>The hash behind <see cref="DatasetSplit.Fingerprint"/>; <c>scripts/models/finetune_minilm.py</c> computes the same one.</summary>
internal static class SplitFingerprint
{
    public static string Of(DatasetSplit split)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "train", split.Train, split.Labels);
        Append(hash, "test", split.Test, split.Labels);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string partition, TextPartition texts, LabelSet labels)
    {
        for (var position = 0; position < texts.Count; position++)
        {
            var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(texts.Texts[position])));
            hash.AppendData(Encoding.UTF8.GetBytes($"{partition}\t{texts.SampleIds[position]}\t{labels[texts.Labels[position]]}\t{textHash}\n"));
        }
    }
}
