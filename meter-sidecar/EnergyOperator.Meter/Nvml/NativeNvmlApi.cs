using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;

namespace EnergyOperator.Meter.Nvml;

/// <summary>
/// <see cref="INvmlApi"/> over <c>libnvidia-ml.so.1</c>, loaded at run time with <see cref="NativeLibrary.TryLoad(string, out nint)"/>
/// so a machine without the NVIDIA driver gets a reason instead of a <see cref="DllNotFoundException"/>.
/// </summary>
internal sealed unsafe class NativeNvmlApi : INvmlApi
{
    public const string LibraryName = "libnvidia-ml.so.1";

    // NVML_DEVICE_UUID_V2_BUFFER_SIZE and NVML_DEVICE_NAME_V2_BUFFER_SIZE.
    private const int StringBufferSize = 96;

    private readonly nint _library;
    private readonly delegate* unmanaged<NvmlReturn> _init;
    private readonly delegate* unmanaged<NvmlReturn> _shutdown;
    private readonly delegate* unmanaged<uint*, NvmlReturn> _getCount;
    private readonly delegate* unmanaged<uint, nint*, NvmlReturn> _getHandleByIndex;
    private readonly delegate* unmanaged<byte*, nint*, NvmlReturn> _getHandleByUuid;
    private readonly delegate* unmanaged<nint, byte*, uint, NvmlReturn> _getUuid;
    private readonly delegate* unmanaged<nint, byte*, uint, NvmlReturn> _getName;
    private readonly delegate* unmanaged<nint, ulong*, NvmlReturn> _getTotalEnergy;
    private readonly delegate* unmanaged<nint, uint*, NvmlReturn> _getPowerUsage;

    private NativeNvmlApi(nint library, IReadOnlyDictionary<string, nint> exports)
    {
        _library = library;
        _init = (delegate* unmanaged<NvmlReturn>)exports["nvmlInit_v2"];
        _shutdown = (delegate* unmanaged<NvmlReturn>)exports["nvmlShutdown"];
        _getCount = (delegate* unmanaged<uint*, NvmlReturn>)exports["nvmlDeviceGetCount_v2"];
        _getHandleByIndex = (delegate* unmanaged<uint, nint*, NvmlReturn>)exports["nvmlDeviceGetHandleByIndex_v2"];
        _getHandleByUuid = (delegate* unmanaged<byte*, nint*, NvmlReturn>)exports["nvmlDeviceGetHandleByUUID"];
        _getUuid = (delegate* unmanaged<nint, byte*, uint, NvmlReturn>)exports["nvmlDeviceGetUUID"];
        _getName = (delegate* unmanaged<nint, byte*, uint, NvmlReturn>)exports["nvmlDeviceGetName"];
        _getTotalEnergy = (delegate* unmanaged<nint, ulong*, NvmlReturn>)exports["nvmlDeviceGetTotalEnergyConsumption"];
        _getPowerUsage = (delegate* unmanaged<nint, uint*, NvmlReturn>)exports["nvmlDeviceGetPowerUsage"];
    }

    private static readonly string[] RequiredExports =
    [
        "nvmlInit_v2", "nvmlShutdown", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByUUID",
        "nvmlDeviceGetUUID", "nvmlDeviceGetName", "nvmlDeviceGetTotalEnergyConsumption", "nvmlDeviceGetPowerUsage",
    ];

    /// <summary>Loads the library and resolves every function the meter uses.</summary>
    /// <param name="libraryName">The shared library to load; tests pass a missing one.</param>
    public static bool TryLoad(string libraryName, [NotNullWhen(true)] out INvmlApi? api, [NotNullWhen(false)] out string? reason)
    {
        api = null;
        if (!NativeLibrary.TryLoad(libraryName, out var library))
        {
            reason = $"{libraryName} could not be loaded: install the NVIDIA driver, or run the container with the NVIDIA runtime and a GPU (runtimeClassName: nvidia, or docker --gpus)";
            return false;
        }

        var exports = new Dictionary<string, nint>();
        foreach (var name in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(library, name, out var address))
            {
                NativeLibrary.Free(library);
                reason = $"{libraryName} lacks {name}: the NVIDIA driver is too old; update it";
                return false;
            }

            exports[name] = address;
        }

        api = new NativeNvmlApi(library, exports);
        reason = null;
        return true;
    }

    public NvmlReturn Init() => _init();

    public NvmlReturn Shutdown() => _shutdown();

    public NvmlReturn GetDeviceCount(out uint count)
    {
        uint value;
        var result = _getCount(&value);
        count = value;
        return result;
    }

    public NvmlReturn GetHandleByIndex(uint index, out nint device)
    {
        nint handle;
        var result = _getHandleByIndex(index, &handle);
        device = handle;
        return result;
    }

    public NvmlReturn GetHandleByUuid(string uuid, out nint device)
    {
        var text = Encoding.UTF8.GetBytes(uuid + '\0');
        nint handle;
        NvmlReturn result;
        fixed (byte* name = text)
        {
            result = _getHandleByUuid(name, &handle);
        }

        device = handle;
        return result;
    }

    public NvmlReturn GetUuid(nint device, out string uuid) => ReadString(_getUuid, device, out uuid);

    public NvmlReturn GetName(nint device, out string name) => ReadString(_getName, device, out name);

    public NvmlReturn GetTotalEnergyConsumption(nint device, out ulong millijoules)
    {
        ulong value;
        var result = _getTotalEnergy(device, &value);
        millijoules = value;
        return result;
    }

    public NvmlReturn GetPowerUsage(nint device, out uint milliwatts)
    {
        uint value;
        var result = _getPowerUsage(device, &value);
        milliwatts = value;
        return result;
    }

    public void Dispose() => NativeLibrary.Free(_library);

    private static NvmlReturn ReadString(delegate* unmanaged<nint, byte*, uint, NvmlReturn> function, nint device, out string value)
    {
        var buffer = stackalloc byte[StringBufferSize];
        var result = function(device, buffer, StringBufferSize);
        value = result == NvmlReturn.Success ? Marshal.PtrToStringUTF8((nint)buffer) ?? string.Empty : string.Empty;
        return result;
    }
}
