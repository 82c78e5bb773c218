using System.Text.Json;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Models.Generative;

/// <summary>
/// Writes a random-weight decoder as a generative model directory: model.onnx and a provenance.json saying the weights are
/// random, so that every report of it says "energy only".
/// </summary>
public static class RandomDecoderDirectory
{
    public const string ModelFileName = "model.onnx";

    /// <exception cref="ArgumentException">The architecture makes no model (the message names the setting).</exception>
    public static async Task<ModelProvenance> WriteAsync(DecoderArchitecture architecture, string directory, CancellationToken cancellationToken)
    {
        var model = RandomDecoderExport.Build(architecture);
        var provenance = new ModelProvenance
        {
            RandomWeights = true,
            Architecture = "gpt2-shaped (energyctl model make-decoder)",
            Parameters = architecture.Parameters,
            Layers = architecture.Layers,
            HiddenSize = architecture.HiddenSize,
            MaxPositions = architecture.MaxPositions,
            Vocabulary = architecture.Vocabulary,
            Seed = architecture.Seed,
            Precision = "fp32",
        };

        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, ModelFileName), model, cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(directory, ModelProvenance.FileName), JsonSerializer.Serialize(provenance, ProvenanceJsonContext.Default.ModelProvenance), cancellationToken);
        return provenance;
    }
}
