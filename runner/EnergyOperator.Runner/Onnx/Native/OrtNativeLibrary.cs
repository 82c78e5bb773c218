using System.Globalization;
using System.Runtime.InteropServices;

namespace EnergyOperator.Runner.Onnx.Native;

/// <summary>
/// The loaded ONNX Runtime shared library and its <c>OrtApi</c> table. Resolution order: an explicit path, then
/// <see cref="OrtEnvironment.LibraryEnvironmentVariable"/>, then <see cref="FileName"/> next to the application.
/// </summary>
internal sealed unsafe class OrtNativeLibrary
{
    public const string FileName = "libonnxruntime.so.1";

    /// <summary>The newest C API version this binding knows (ORT 1.30); newer libraries still serve it.</summary>
    public const uint PreferredApiVersion = 30;

    private const string Remedy =
        $"Run scripts/bootstrap.sh (it fetches the CPU build into deps/ and the build copies it next to the binaries) " +
        $"or set {OrtEnvironment.LibraryEnvironmentVariable} to the full path of a libonnxruntime.so.1.";

    private OrtNativeLibrary(string path, string version, uint apiVersion, OrtApi api)
    {
        Path = path;
        Version = version;
        ApiVersion = apiVersion;
        Api = api;
    }

    public string Path { get; }

    public string Version { get; }

    public uint ApiVersion { get; }

    public OrtApi Api { get; }

    public static OrtNativeLibrary Load(string? explicitPath, string? environmentValue, string baseDirectory) =>
        Open(ResolvePath(explicitPath, environmentValue, baseDirectory));

    internal static (string Path, string Source) ResolvePath(string? explicitPath, string? environmentValue, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Existing(explicitPath, "the configured library path");
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Existing(environmentValue, $"the {OrtEnvironment.LibraryEnvironmentVariable} environment variable");
        }

        var besideApp = System.IO.Path.Combine(baseDirectory, FileName);
        if (File.Exists(besideApp))
        {
            return (besideApp, "the application directory");
        }

        throw new OrtException(OrtErrorCode.NoSuchFile,
            $"ONNX Runtime library not found: no library path was configured, {OrtEnvironment.LibraryEnvironmentVariable} is not set " +
            $"and '{besideApp}' does not exist. {Remedy}");

        static (string, string) Existing(string path, string source) => File.Exists(path)
            ? (System.IO.Path.GetFullPath(path), source)
            : throw new OrtException(OrtErrorCode.NoSuchFile, $"ONNX Runtime library '{path}' (from {source}) does not exist. {Remedy}");
    }

    private static OrtNativeLibrary Open((string Path, string Source) library)
    {
        var (path, source) = library;
        nint handle;
        try
        {
            handle = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OrtException(OrtErrorCode.Fail, $"'{path}' (from {source}) is not a loadable shared library: {e.Message} {Remedy}", context: null, e);
        }

        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBase))
        {
            NativeLibrary.Free(handle);
            throw new OrtException(OrtErrorCode.Fail, $"'{path}' (from {source}) is a shared library but not ONNX Runtime: it has no OrtGetApiBase export. {Remedy}");
        }

        // OrtApiBase is { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }.
        var apiBase = (nint*)((delegate* unmanaged[Cdecl]<nint>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)apiBase[1])()) ?? string.Empty;
        var apiVersion = ApiVersionFor(version);
        if (apiVersion < OrtApiSlot.MinimumApiVersion)
        {
            throw new OrtException(OrtErrorCode.NotImplemented,
                $"ONNX Runtime {version} at '{path}' is too old: this binding needs C API version {OrtApiSlot.MinimumApiVersion} (ORT 1.{OrtApiSlot.MinimumApiVersion}) or newer. {Remedy}");
        }

        var table = ((delegate* unmanaged[Cdecl]<uint, nint>)apiBase[0])(apiVersion);
        if (table == 0)
        {
            throw new OrtException(OrtErrorCode.NotImplemented,
                $"ONNX Runtime {version} at '{path}' does not provide C API version {apiVersion} (OrtApiBase.GetApi returned NULL). {Remedy}");
        }

        return new OrtNativeLibrary(path, version, apiVersion, new OrtApi(table));
    }

    /// <summary>
    /// ORT 1.N serves C API versions 1..N, so asking for min(N, <see cref="PreferredApiVersion"/>) lets an older GPU build
    /// work without GetApi printing "requested API version is not available" for a version it cannot know.
    /// </summary>
    private static uint ApiVersionFor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? Math.Min(minor, PreferredApiVersion)
            : PreferredApiVersion;
    }
}
