using EnergyOperator.Runner.Onnx.Native;

namespace EnergyOperator.Runner.Onnx;

/// <summary>Where to find ONNX Runtime and how verbosely it logs.</summary>
public sealed record OrtEnvironmentOptions
{
    /// <summary>Full path of libonnxruntime.so.1; when null, <see cref="OrtEnvironment.LibraryEnvironmentVariable"/> and then the application directory are used.</summary>
    public string? LibraryPath { get; init; }

    public OrtLoggingLevel LogLevel { get; init; } = OrtLoggingLevel.Warning;

    public string LogId { get; init; } = "energy-runner";
}

/// <summary>
/// The process-wide ONNX Runtime: the loaded library and its single <c>OrtEnv</c> (ORT allows one per process).
/// It lives until the process exits because every session refers to it; sessions, options and tensors are the
/// disposable parts.
/// </summary>
public sealed class OrtEnvironment
{
    /// <summary>Environment variable naming the libonnxruntime.so.1 to load (e.g. a GPU build).</summary>
    public const string LibraryEnvironmentVariable = "ENERGY_ORT_LIBRARY";

    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>ORT builds list CUDA whenever its provider bridge is compiled in; the provider itself is this file beside the library.</summary>
    private const string CudaProviderLibrary = "libonnxruntime_providers_cuda.so";

    private static readonly Lock InitializationLock = new();
    private static OrtEnvironment? _shared;

    private OrtEnvironment(OrtEnvironmentOptions options, OrtNativeLibrary library)
    {
        Options = options;
        Library = library;
        Handle = library.Api.CreateEnv(options.LogLevel, options.LogId);
        CpuMemoryInfo = library.Api.CreateCpuMemoryInfo();
        Allocator = library.Api.GetAllocatorWithDefaultOptions();
        AvailableProviders = library.Api.GetAvailableProviders();
        HasCuda = AvailableProviders.Contains(CudaProvider)
            && File.Exists(Path.Combine(Path.GetDirectoryName(library.Path)!, CudaProviderLibrary));
    }

    /// <summary>The environment, created on first use from <see cref="Initialize"/>'s options or the defaults.</summary>
    public static OrtEnvironment Shared
    {
        get
        {
            lock (InitializationLock)
            {
                return _shared ??= Create(new OrtEnvironmentOptions());
            }
        }
    }

    public OrtEnvironmentOptions Options { get; }

    /// <summary>The path of the loaded libonnxruntime.</summary>
    public string LibraryPath => Library.Path;

    /// <summary>ONNX Runtime's version string, e.g. "1.30.0".</summary>
    public string Version => Library.Version;

    /// <summary>The C API version requested from <c>OrtApiBase.GetApi</c>.</summary>
    public uint ApiVersion => Library.ApiVersion;

    /// <summary>Execution providers compiled into the library, e.g. "CPUExecutionProvider".</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>Whether the library has a CUDA execution provider: compiled in, with its provider library next to it.</summary>
    public bool HasCuda { get; }

    internal OrtNativeLibrary Library { get; }

    internal OrtApi Api => Library.Api;

    internal nint Handle { get; }

    internal nint CpuMemoryInfo { get; }

    internal nint Allocator { get; }

    /// <summary>
    /// Creates the shared environment with <paramref name="options"/>. Call it before anything else touches ORT;
    /// calling it again with equal options returns the same environment, with different options it throws.
    /// </summary>
    public static OrtEnvironment Initialize(OrtEnvironmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (InitializationLock)
        {
            if (_shared is null)
            {
                return _shared = Create(options);
            }

            return _shared.Options == options
                ? _shared
                : throw new InvalidOperationException(
                    $"ONNX Runtime is already initialized from '{_shared.LibraryPath}' with {_shared.Options}; " +
                    "ORT allows one environment per process, so initialize it once, before the first session.");
        }
    }

    private static OrtEnvironment Create(OrtEnvironmentOptions options) => new(options, OrtNativeLibrary.Load(
        options.LibraryPath, Environment.GetEnvironmentVariable(LibraryEnvironmentVariable), AppContext.BaseDirectory));

    internal string CudaRemedy =>
        $"To run on a GPU, set {LibraryEnvironmentVariable} to the libonnxruntime.so.1 of an ONNX Runtime GPU build " +
        $"(e.g. lib/ of the onnxruntime-linux-x64-gpu release, which holds {CudaProviderLibrary} too) on a machine with CUDA and cuDNN installed.";
}
