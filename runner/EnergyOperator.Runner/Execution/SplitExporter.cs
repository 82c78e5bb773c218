using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;

namespace EnergyOperator.Runner.Execution;

/// <summary>
/// Writes the train/test split a benchmark's runs use, as JSON lines (<see cref="SplitLine"/>), so that a model trained
/// outside the tool (scripts/models/finetune_minilm.py) trains on exactly the runs' training texts and never sees their test texts.
/// </summary>
public static class SplitExporter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <param name="open">Opens the output; called only once the split exists, so that bad input leaves no file behind.</param>
    /// <exception cref="BenchmarkInputException">The manifest's dataset cannot be loaded or split.</exception>
    public static async Task<SplitSummary> WriteAsync(EnergyBenchmark benchmark, RunnerOptions options, Func<Stream> open, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var downloads = new RemoteFileCache(options.CacheDirectory, options.MaxDownloadBytes, http);
        var split = await new DatasetProvider(options, downloads).LoadAsync(benchmark.Spec.Dataset, cancellationToken);

        await using var output = open();
        await using var json = new Utf8JsonWriter(output);
        foreach (var (name, partition) in new[] { ("train", split.Train), ("test", split.Test) })
        {
            for (var position = 0; position < partition.Count; position++)
            {
                var line = new SplitLine(name, position, partition.SampleIds[position], split.Labels[partition.Labels[position]], partition.Texts[position]);
                JsonSerializer.Serialize(json, line, SplitJsonContext.Default.SplitLine);
                await json.FlushAsync(cancellationToken);
                json.Reset();
                await output.WriteAsync(NewLine, cancellationToken);
            }
        }

        await output.FlushAsync(cancellationToken);
        return new SplitSummary(split.Name, [.. split.Labels], split.Train.Count, split.Test.Count, split.Fingerprint());
    }
}

/// <summary>One text of an exported split.</summary>
/// <param name="Partition"><c>train</c> or <c>test</c>.</param>
/// <param name="Position">The text's position in its partition (a predictions file's <c>sample</c> for test texts).</param>
/// <param name="Sample">The text's position in the dataset.</param>
public sealed record SplitLine(string Partition, int Position, int Sample, string Label, string Text);

/// <summary>What <see cref="SplitExporter"/> wrote.</summary>
/// <param name="Fingerprint">The split's <see cref="DatasetSplit.Fingerprint"/>, which the report's <c>dataset.split</c> carries too.</param>
public sealed record SplitSummary(string Dataset, IReadOnlyList<string> Labels, int TrainSamples, int TestSamples, string Fingerprint);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SplitLine))]
internal sealed partial class SplitJsonContext : JsonSerializerContext;
