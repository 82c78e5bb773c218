using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Runner.Models;

/// <summary>
/// provenance.json beside a model, as scripts/models/export_decoder.py, prepare_bert_classifier.py and <c>energyctl model
/// make-decoder</c> write it: whether the weights are random, and for a decoder the shape the FLOPs baseline needs. Other
/// fields (the full config, logits checks) are ignored.
/// </summary>
public sealed record ModelProvenance
{
    public const string FileName = "provenance.json";

    /// <summary>Random weights: the model is measured for energy only; what it generates means nothing.</summary>
    public bool RandomWeights { get; init; }

    public string? Architecture { get; init; }
    public long Parameters { get; init; }
    public int Layers { get; init; }
    public int HiddenSize { get; init; }
    public int? MaxPositions { get; init; }
    public int? Vocabulary { get; init; }
    public ulong? Seed { get; init; }
    public string? Precision { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelProvenance))]
public sealed partial class ProvenanceJsonContext : JsonSerializerContext;
