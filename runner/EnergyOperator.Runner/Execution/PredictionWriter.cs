using System.Text.Json;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Scoring;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Writes every run's per-sample predictions as JSON lines (<see cref="PredictionLine"/>), so that an accuracy can be checked
/// outside the tool. The file is created when opened, before anything is measured, and written after each inference window.
/// </summary>
public sealed class PredictionWriter : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _json;

    private PredictionWriter(FileStream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(stream);
    }

    /// <param name="setting">The option or variable that named <paramref name="path"/>, for the error.</param>
    /// <exception cref="BenchmarkInputException">The file cannot be created.</exception>
    public static PredictionWriter Create(string path, string setting)
    {
        try
        {
            return new PredictionWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024, useAsync: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BenchmarkInputException(setting, $"'{path}' cannot be written ({e.Message}); name a file in a writable directory");
        }
    }

    /// <summary>Appends one line per test text of one classifier run.</summary>
    /// <param name="scores">Row-major, one row of <c>labels.Count</c> probabilities per text.</param>
    public Task WriteAsync(
        string run, LabelSet labels, IReadOnlyList<int> truth, IReadOnlyList<int> predictions, float[] scores, CancellationToken cancellationToken) =>
        WriteLinesAsync(
            predictions.Select((predicted, sample) => new PredictionLine(
                run, sample, labels[truth[sample]], labels[predicted], new ArraySegment<float>(scores, sample * labels.Count, labels.Count))),
            cancellationToken);

    /// <summary>Appends one line per test text of one zero-shot run: each answer's label (none when it named none) and its text.</summary>
    /// <param name="predictions">Label indices, <see cref="ClassificationScorer.NoLabel"/> for an answer naming none.</param>
    public Task WriteAnswersAsync(
        string run, LabelSet labels, IReadOnlyList<int> truth, IReadOnlyList<int> predictions, IReadOnlyList<string> answers, CancellationToken cancellationToken) =>
        WriteLinesAsync(
            predictions.Select((predicted, sample) => new PredictionLine(
                run, sample, labels[truth[sample]], predicted == ClassificationScorer.NoLabel ? null : labels[predicted], Scores: null, answers[sample])),
            cancellationToken);

    private async Task WriteLinesAsync(IEnumerable<PredictionLine> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            JsonSerializer.Serialize(_json, line, PredictionJsonContext.Default.PredictionLine);
            await _json.FlushAsync(cancellationToken);
            _json.Reset();
            await _stream.WriteAsync(NewLine, cancellationToken);
        }

        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
