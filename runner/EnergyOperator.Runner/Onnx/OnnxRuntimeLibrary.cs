using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// Chooses the process's ONNX Runtime native library for the managed binding (Microsoft.ML.OnnxRuntime.Managed), which
/// P/Invokes <c>onnxruntime</c>. Resolution order: an explicit path (<c>--ort-library</c>), then
/// <see cref="EnvironmentVariable"/>, then <see cref="FileName"/> beside the binaries (copied there by the build).
/// A process loads one ONNX Runtime: the first <see cref="Load"/> decides.
/// </summary>
public static class OnnxRuntimeLibrary
{
    /// <summary>Environment variable naming the libonnxruntime.so to load (e.g. a GPU build).</summary>
    public const string EnvironmentVariable = "ENERGY_ORT_LIBRARY";

    public const string FileName = "libonnxruntime.so";

    /// <summary>ORT loads its CUDA provider from this file beside <see cref="FileName"/>.</summary>
    public const string CudaProviderFileName = "libonnxruntime_providers_cuda.so";

    private const string NativeLibraryName = "onnxruntime";

    private const string Remedy =
        $"Build or publish the runner (the build copies ONNX Runtime beside the binaries; -p:OnnxRuntimeFlavor=cuda copies the GPU build) " +
        $"or set {EnvironmentVariable} to the full path of a {FileName}.";

    private static readonly Lock Gate = new();
    private static OnnxRuntimeInfo? _loaded;
    private static nint _handle;

    /// <summary>Loads ONNX Runtime once and describes it; later calls return the loaded one and must not name another.</summary>
    /// <exception cref="OnnxRuntimeSetupException">The library is missing, not loadable, or differs from the one loaded.</exception>
    public static OnnxRuntimeInfo Load(string? explicitPath)
    {
        lock (Gate)
        {
            var (path, source) = ResolvePath(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);
            if (_loaded is not null)
            {
                return _loaded.LibraryPath == path
                    ? _loaded
                    : throw new OnnxRuntimeSetupException($"ONNX Runtime is already loaded from '{_loaded.LibraryPath}'; one process cannot also load '{path}' (from {source}).");
            }

            try
            {
                _handle = NativeLibrary.Load(path);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                throw new OnnxRuntimeSetupException($"'{path}' (from {source}) is not a loadable shared library: {e.Message} {Remedy}", e);
            }

            if (!NativeLibrary.TryGetExport(_handle, "OrtGetApiBase", out _))
            {
                throw new OnnxRuntimeSetupException($"'{path}' (from {source}) is a shared library but not ONNX Runtime: it has no OrtGetApiBase export. {Remedy}");
            }

            NativeLibrary.SetDllImportResolver(typeof(InferenceSession).Assembly, (name, _, _) => name == NativeLibraryName ? _handle : 0);
            try
            {
                var environment = OrtEnv.Instance();
                var providers = environment.GetAvailableProviders();
                return _loaded = new OnnxRuntimeInfo(
                    path,
                    environment.GetVersionString(),
                    providers,
                    HasCuda: providers.Contains("CUDAExecutionProvider") && File.Exists(Path.Combine(Path.GetDirectoryName(path)!, CudaProviderFileName)));
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or TypeInitializationException)
            {
                throw new OnnxRuntimeSetupException($"ONNX Runtime at '{path}' (from {source}) does not work with the managed binding {typeof(InferenceSession).Assembly.GetName().Version}: {e.Message} {Remedy}", e);
            }
        }
    }

    internal static (string Path, string Source) ResolvePath(string? explicitPath, string? environmentValue, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Existing(explicitPath, "the configured library path");
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Existing(environmentValue, $"the {EnvironmentVariable} environment variable");
        }

        var besideApp = Path.Combine(baseDirectory, FileName);
        return File.Exists(besideApp)
            ? (besideApp, "the application directory")
            : throw new OnnxRuntimeSetupException(
                $"ONNX Runtime library not found: no library path was configured, {EnvironmentVariable} is not set and '{besideApp}' does not exist. {Remedy}");

        static (string, string) Existing(string path, string source) => File.Exists(path)
            ? (Path.GetFullPath(path), source)
            : throw new OnnxRuntimeSetupException($"ONNX Runtime library '{path}' (from {source}) does not exist. {Remedy}");
    }
}

/// <summary>The loaded ONNX Runtime: where it came from, its version and its execution providers.</summary>
public sealed record OnnxRuntimeInfo(string LibraryPath, string Version, IReadOnlyList<string> Providers, bool HasCuda);

/// <summary>ONNX Runtime cannot be loaded as configured; the message names the library, where it came from and the fix.</summary>
public sealed class OnnxRuntimeSetupException(string message, Exception? inner = null) : Exception(message, inner);
