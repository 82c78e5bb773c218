using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Data;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.Runner.Tests.Execution;

/// <summary>A <see cref="ModelPreparer"/> over a scratch directory, and a ham/spam split to prepare models for.</summary>
internal sealed class PreparerHarness : IDisposable
{
    private readonly HttpClient _http = new();

    public PreparerHarness()
    {
        Preparer = new ModelPreparer(new RunnerOptions { CacheDirectory = Path.Combine(Root, "cache") }, new RemoteFileCache(Path.Combine(Root, "cache"), long.MaxValue, _http), NullLogger.Instance);
    }

    /// <summary>Scratch directory for model and vocabulary files, removed on dispose.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("preparer-tests").FullName;

    public ModelPreparer Preparer { get; }

    /// <summary>Labels ham (0) and spam (1); the partitions are only read by classic models, which train on them.</summary>
    public static DatasetSplit Split { get; } = new(
        "inbox",
        LabelSet.InOrder(["ham", "spam"]),
        new TextPartition(["hello prize", "meeting notes", "hello cash", "lunch today"], [1, 0, 1, 0], [0, 1, 2, 3]),
        new TextPartition(["hello", "world"], [1, 0], [4, 5]));

    public Task<PreparedModel> PrepareAsync(OnnxModelSpec onnx, ExecutionProvider provider = ExecutionProvider.Cpu) =>
        Preparer.PrepareAsync(new ModelSpec { Name = "tiny-bert", Onnx = onnx }, "spec.models[0]", provider, new RuntimeSpec { Threads = 1 }, Split, CancellationToken.None);

    public Task<PreparedModel> PrepareAsync(EmbeddingModelSpec embedding, DatasetSplit split) =>
        Preparer.PrepareAsync(new ModelSpec { Name = "embedding", Embedding = embedding }, "spec.models[0]", ExecutionProvider.Cpu, new RuntimeSpec(), split, CancellationToken.None);

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
