using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyOperator.Runner.Execution;

/// <summary>One line of a predictions file: what a run predicted for one test text.</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Sample">The text's position in the test split.</param>
/// <param name="Label">The true label.</param>
/// <param name="Predicted">The most probable label.</param>
/// <param name="Scores">Class probabilities in the dataset's label order (the report's <c>dataset.labels</c>).</param>
public sealed record PredictionLine(string Run, int Sample, string Label, string Predicted, IReadOnlyList<float> Scores);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictionLine))]
public sealed partial class PredictionJsonContext : JsonSerializerContext;
