namespace EnergyOperator.Runner.Execution;

/// <summary>Where the runner finds what the manifest does not say: native libraries, built-in datasets, a cache.</summary>
public sealed record RunnerOptions
{
    /// <summary>ONNX Runtime library; null resolves <c>ENERGY_ORT_LIBRARY</c>, then the copy next to the binaries.</summary>
    public string? OrtLibraryPath { get; init; }

    /// <summary>Root of the built-in datasets; null resolves <c>ENERGY_DATASETS_DIR</c>, then <c>deps/</c> above the working directory.</summary>
    public string? DatasetsDirectory { get; init; }

    /// <summary>A meter sidecar to measure through (as in a runner pod); null meters in-process.</summary>
    public Uri? MeterUrl { get; init; }

    /// <summary>How long to wait for the sidecar to become ready: in a pod it may start after the runner.</summary>
    public TimeSpan MeterReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Downloads (dataset and model URLs) and exported models go here.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "energyoperator-cache");

    /// <summary>
    /// ONNX Runtime writes a profile of every session here (<c>&lt;model&gt;_&lt;time&gt;.json</c>, Chrome trace format: each node's
    /// time per run), to find where a model's time goes; null: no profiling. It slows every run: not for measurements.
    /// </summary>
    public string? OrtProfileDirectory { get; init; }

    /// <summary>The most bytes one download may hold; a larger (or endless) response fails the input instead of filling the disk.</summary>
    public long MaxDownloadBytes { get; init; } = 8L * 1024 * 1024 * 1024;
}
