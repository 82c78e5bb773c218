using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Models.Generative;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Runner.Execution;

/// <summary>Loads a generative model outside a benchmark (for <c>energyctl serve</c>) with the checks and messages a benchmark's model gets.</summary>
public static class GenerativeModelLoader
{
    /// <param name="field">What names the model in errors (<c>--model</c>): errors say <c>{field}.path</c> or <c>{field}.tokenizer</c>.</param>
    /// <exception cref="BenchmarkInputException">The model, its provenance.json or its tokenizer is unusable; the message says why.</exception>
    public static async Task<GenerativeModel> LoadAsync(
        GenerativeModelSpec spec, string field, ExecutionProvider provider, RunnerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        // A local path only: nothing is downloaded, so the cache's client is never used.
        using var http = new HttpClient();
        var preparer = new ModelPreparer(options, new RemoteFileCache(options.CacheDirectory, options.MaxDownloadBytes, http), logger);
        var prepared = await preparer.PrepareGenerativeAsync(spec, field, provider, new RuntimeSpec { ExecutionProvider = provider }, cancellationToken);
        return prepared.Generative!;
    }
}
