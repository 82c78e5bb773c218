using Microsoft.ML.OnnxRuntime.Tensors;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Runner.Onnx.Export;

/// <summary>
/// Exports a linear classifier over hashed sparse features. Each row of the batch is K (index, value) pairs,
/// padded with index 0 and value 0: logits[n] = Σ_k values[n,k] · W[indices[n,k]] + bias, probabilities = softmax(logits).
/// </summary>
public static class LinearTextModelExport
{
    public const string IndicesInput = "indices";
    public const string ValuesInput = "values";
    public const string LogitsOutput = "logits";
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>Metadata key holding the class labels as a JSON array, in logit order.</summary>
    public const string LabelsMetadataKey = "labels";

    /// <summary>Metadata key holding the hashed feature space size (rows of W) the featurizer must hash into.</summary>
    public const string FeatureCountMetadataKey = "feature_count";

    /// <param name="weights">Row-major [featureCount, classCount].</param>
    public static byte[] Build(int featureCount, int classCount, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, IReadOnlyList<string> labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentNullException.ThrowIfNull(labels);
        if (weights.Length != (long)featureCount * classCount)
        {
            throw new ArgumentException($"weights must hold featureCount × classCount = {(long)featureCount * classCount} values but has {weights.Length}.", nameof(weights));
        }

        if (bias.Length != classCount)
        {
            throw new ArgumentException($"bias must hold classCount = {classCount} values but has {bias.Length}.", nameof(bias));
        }

        if (labels.Count != classCount)
        {
            throw new ArgumentException($"labels must name classCount = {classCount} classes but has {labels.Count}.", nameof(labels));
        }

        const string batch = "batch", features = "features";
        return new OnnxGraphBuilder("linear_text_classifier")
            .AddInput(IndicesInput, TensorElementType.Int64, batch, features)
            .AddInput(ValuesInput, TensorElementType.Float, batch, features)
            .AddInitializer("W", weights, featureCount, classCount)
            .AddInitializer("bias", bias, classCount)
            .AddInitializer("last_axis", [-1L], 1)
            .AddInitializer("feature_axis", [1L], 1)
            .AddNode("Gather", ["W", IndicesInput], ["feature_weights"], OnnxAttribute.Int("axis", 0))
            .AddNode("Unsqueeze", [ValuesInput, "last_axis"], ["feature_values"])
            .AddNode("Mul", ["feature_weights", "feature_values"], ["weighted"])
            .AddNode("ReduceSum", ["weighted", "feature_axis"], ["summed"], OnnxAttribute.Int("keepdims", 0))
            .AddNode("Add", ["summed", "bias"], [LogitsOutput])
            .AddNode("Softmax", [LogitsOutput], [ProbabilitiesOutput], OnnxAttribute.Int("axis", -1))
            .AddOutput(LogitsOutput, TensorElementType.Float, batch, classCount)
            .AddOutput(ProbabilitiesOutput, TensorElementType.Float, batch, classCount)
            .AddMetadata(LabelsMetadataKey, JsonSerializer.Serialize(labels.ToArray(), LinearTextModelJsonContext.Default.StringArray))
            .AddMetadata(FeatureCountMetadataKey, featureCount.ToString(CultureInfo.InvariantCulture))
            .ToBytes();
    }

    /// <summary>Reads back the labels <see cref="Build"/> stored, e.g. from <see cref="OrtModelMetadata.CustomMetadata"/>.</summary>
    public static IReadOnlyList<string> ReadLabels(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(LabelsMetadataKey, out var json))
        {
            throw new InvalidDataException($"The model has no '{LabelsMetadataKey}' metadata; export it with {nameof(LinearTextModelExport)}.{nameof(Build)}.");
        }

        try
        {
            return JsonSerializer.Deserialize(json, LinearTextModelJsonContext.Default.StringArray)
                ?? throw new InvalidDataException($"The model's '{LabelsMetadataKey}' metadata is null instead of a JSON array of strings.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The model's '{LabelsMetadataKey}' metadata is not a JSON array of strings: {e.Message}", e);
        }
    }
}

[JsonSerializable(typeof(string[]))]
internal sealed partial class LinearTextModelJsonContext : JsonSerializerContext;
