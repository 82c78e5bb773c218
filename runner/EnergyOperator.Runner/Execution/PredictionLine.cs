using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Runner.Execution;

/// <summary>One line of a predictions file: what a run predicted for one test text.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Sample">The text's position in the test split.</param>
/// <param name="Label">The true label.</param>
/// <param name="Predicted">The most probable label (a classifier) or the answer's label (zero-shot); null when the answer named none.</param>
/// <param name="Scores">Class probabilities in the dataset's label order (the report's <c>dataset.labels</c>); a zero-shot run has none.</param>
/// <param name="Answer">The served model's answer text (zero-shot); a classifier has none.</param>
public sealed record PredictionLine(
    string Run,
    int Sample,
    string Label,
    string? Predicted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<float>? Scores,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Answer = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictionLine))]
public sealed partial class PredictionJsonContext : JsonSerializerContext;
