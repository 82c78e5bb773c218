using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EnergyOperator.Runner.Onnx.Native;

/// <summary>
/// Typed calls through ONNX Runtime's <c>OrtApi</c> function table. Every function that returns an <c>OrtStatus*</c>
/// is checked here: a non-null status becomes an <see cref="OrtException"/> and the status is always released.
/// Handles are plain <see cref="nint"/>s; ownership lives in the public wrapper types.
/// </summary>
internal sealed unsafe class OrtApi
{
    private readonly nint* _table;

    public OrtApi(nint table) => _table = (nint*)table;

    public nint CreateEnv(OrtLoggingLevel level, string logId)
    {
        nint env;
        fixed (byte* id = Utf8(logId))
        {
            Check(((delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)_table[OrtApiSlot.CreateEnv])((int)level, id, &env));
        }
        return env;
    }

    public nint CreateSession(nint env, string modelPath, nint options, string context)
    {
        nint session;
        fixed (byte* path = Utf8(modelPath))
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)_table[OrtApiSlot.CreateSession])(env, path, options, &session), context);
        }
        return session;
    }

    public nint CreateSessionFromArray(nint env, ReadOnlySpan<byte> model, nint options, string context)
    {
        nint session;
        fixed (byte* data = model)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)_table[OrtApiSlot.CreateSessionFromArray])(
                env, data, (nuint)model.Length, options, &session), context);
        }
        return session;
    }

    /// <summary>Runs the session; returns ORT's status so the caller can describe the inputs only when it failed.</summary>
    public nint Run(nint session, nint* inputNames, nint* inputs, int inputCount, nint* outputNames, nint* outputs, int outputCount) =>
        ((delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)_table[OrtApiSlot.Run])(
            session, 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs);

    public nint CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)_table[OrtApiSlot.CreateSessionOptions])(&options));
        return options;
    }

    public void SetSessionExecutionMode(nint options, OrtExecutionMode mode) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)_table[OrtApiSlot.SetSessionExecutionMode])(options, (int)mode));

    public void SetSessionGraphOptimizationLevel(nint options, OrtGraphOptimizationLevel level) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)_table[OrtApiSlot.SetSessionGraphOptimizationLevel])(options, (int)level));

    public void SetIntraOpNumThreads(nint options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)_table[OrtApiSlot.SetIntraOpNumThreads])(options, threads));

    public void SetInterOpNumThreads(nint options, int threads) =>
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)_table[OrtApiSlot.SetInterOpNumThreads])(options, threads));

    public int SessionGetInputCount(nint session) => GetCount(session, OrtApiSlot.SessionGetInputCount);

    public int SessionGetOutputCount(nint session) => GetCount(session, OrtApiSlot.SessionGetOutputCount);

    public nint SessionGetInputTypeInfo(nint session, int index) => GetTypeInfo(session, index, OrtApiSlot.SessionGetInputTypeInfo);

    public nint SessionGetOutputTypeInfo(nint session, int index) => GetTypeInfo(session, index, OrtApiSlot.SessionGetOutputTypeInfo);

    public string SessionGetInputName(nint session, int index, nint allocator) => GetName(session, index, allocator, OrtApiSlot.SessionGetInputName);

    public string SessionGetOutputName(nint session, int index, nint allocator) => GetName(session, index, allocator, OrtApiSlot.SessionGetOutputName);

    public nint CreateTensorWithData(nint memoryInfo, void* data, nuint byteLength, ReadOnlySpan<long> shape, OrtElementType type)
    {
        nint value;
        fixed (long* dims = shape)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)_table[OrtApiSlot.CreateTensorWithDataAsOrtValue])(
                memoryInfo, data, byteLength, dims, (nuint)shape.Length, (int)type, &value));
        }
        return value;
    }

    public void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged[Cdecl]<nint, void**, nint>)_table[OrtApiSlot.GetTensorMutableData])(value, &data));
        return data;
    }

    /// <summary>Returns the tensor part of a type info (owned by it), or 0 when the value is not a tensor.</summary>
    public nint CastTypeInfoToTensorInfo(nint typeInfo)
    {
        nint tensorInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)_table[OrtApiSlot.CastTypeInfoToTensorInfo])(typeInfo, &tensorInfo));
        return tensorInfo;
    }

    public OrtElementType GetTensorElementType(nint tensorInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)_table[OrtApiSlot.GetTensorElementType])(tensorInfo, &type));
        return (OrtElementType)type;
    }

    public long[] GetDimensions(nint tensorInfo)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)_table[OrtApiSlot.GetDimensionsCount])(tensorInfo, &count));
        var dims = new long[(int)count];
        fixed (long* p = dims)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)_table[OrtApiSlot.GetDimensions])(tensorInfo, p, count));
        }
        return dims;
    }

    /// <summary>Symbolic names per dimension ("" where the dimension is fixed or unnamed); the strings belong to ORT.</summary>
    public string[] GetSymbolicDimensions(nint tensorInfo, int rank)
    {
        var names = new byte*[rank];
        fixed (byte** p = names)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint>)_table[OrtApiSlot.GetSymbolicDimensions])(tensorInfo, p, (nuint)rank));
        }
        var result = new string[rank];
        for (var i = 0; i < rank; i++)
        {
            result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
        }
        return result;
    }

    public nint GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)_table[OrtApiSlot.GetTensorTypeAndShape])(value, &info));
        return info;
    }

    public nint CreateCpuMemoryInfo()
    {
        const int deviceAllocator = 0, defaultMemType = 0;
        nint info;
        Check(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)_table[OrtApiSlot.CreateCpuMemoryInfo])(deviceAllocator, defaultMemType, &info));
        return info;
    }

    public nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)_table[OrtApiSlot.GetAllocatorWithDefaultOptions])(&allocator));
        return allocator;
    }

    public void ReleaseSession(nint session) => Release(OrtApiSlot.ReleaseSession, session);

    public void ReleaseValue(nint value) => Release(OrtApiSlot.ReleaseValue, value);

    public void ReleaseTypeInfo(nint typeInfo) => Release(OrtApiSlot.ReleaseTypeInfo, typeInfo);

    public void ReleaseTensorTypeAndShapeInfo(nint info) => Release(OrtApiSlot.ReleaseTensorTypeAndShapeInfo, info);

    public void ReleaseSessionOptions(nint options) => Release(OrtApiSlot.ReleaseSessionOptions, options);

    public void ReleaseModelMetadata(nint metadata) => Release(OrtApiSlot.ReleaseModelMetadata, metadata);

    public nint SessionGetModelMetadata(nint session)
    {
        nint metadata;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)_table[OrtApiSlot.SessionGetModelMetadata])(session, &metadata));
        return metadata;
    }

    public string ModelMetadataGetProducerName(nint metadata, nint allocator) => GetMetadataString(metadata, allocator, OrtApiSlot.ModelMetadataGetProducerName);

    public string ModelMetadataGetGraphName(nint metadata, nint allocator) => GetMetadataString(metadata, allocator, OrtApiSlot.ModelMetadataGetGraphName);

    public string ModelMetadataGetDomain(nint metadata, nint allocator) => GetMetadataString(metadata, allocator, OrtApiSlot.ModelMetadataGetDomain);

    public string ModelMetadataGetDescription(nint metadata, nint allocator) => GetMetadataString(metadata, allocator, OrtApiSlot.ModelMetadataGetDescription);

    public long ModelMetadataGetVersion(nint metadata)
    {
        long version;
        Check(((delegate* unmanaged[Cdecl]<nint, long*, nint>)_table[OrtApiSlot.ModelMetadataGetVersion])(metadata, &version));
        return version;
    }

    public string? ModelMetadataLookupCustomMetadataMap(nint metadata, nint allocator, string key)
    {
        byte* value;
        fixed (byte* k = Utf8(key))
        {
            Check(((delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint>)_table[OrtApiSlot.ModelMetadataLookupCustomMetadataMap])(metadata, allocator, k, &value));
        }
        return TakeString(allocator, value);
    }

    public string[] ModelMetadataGetCustomMetadataMapKeys(nint metadata, nint allocator)
    {
        byte** keys;
        long count;
        Check(((delegate* unmanaged[Cdecl]<nint, nint, byte***, long*, nint>)_table[OrtApiSlot.ModelMetadataGetCustomMetadataMapKeys])(metadata, allocator, &keys, &count));
        if (keys == null)
        {
            return [];
        }

        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = TakeString(allocator, keys[i]) ?? string.Empty;
        }
        Free(allocator, keys);
        return result;
    }

    public string[] GetAvailableProviders()
    {
        byte** providers;
        int count;
        Check(((delegate* unmanaged[Cdecl]<byte***, int*, nint>)_table[OrtApiSlot.GetAvailableProviders])(&providers, &count));
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Marshal.PtrToStringUTF8((nint)providers[i]) ?? string.Empty;
        }
        Check(((delegate* unmanaged[Cdecl]<byte**, int, nint>)_table[OrtApiSlot.ReleaseAvailableProviders])(providers, count));
        return result;
    }

    /// <summary>Adds the CUDA execution provider through the V2 (opaque, key/value) provider options.</summary>
    public void AppendCudaExecutionProvider(nint sessionOptions, int deviceId)
    {
        nint cudaOptions;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)_table[OrtApiSlot.CreateCudaProviderOptions])(&cudaOptions));
        try
        {
            fixed (byte* key = Utf8("device_id"))
            fixed (byte* value = Utf8(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                var keys = key;
                var values = value;
                Check(((delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)_table[OrtApiSlot.UpdateCudaProviderOptions])(cudaOptions, &keys, &values, 1));
            }
            Check(((delegate* unmanaged[Cdecl]<nint, nint, nint>)_table[OrtApiSlot.SessionOptionsAppendExecutionProviderCudaV2])(sessionOptions, cudaOptions));
        }
        finally
        {
            Release(OrtApiSlot.ReleaseCudaProviderOptions, cudaOptions);
        }
    }

    /// <summary>A null-terminated UTF-8 copy of <paramref name="value"/> for <c>const char*</c> parameters.</summary>
    public static byte[] Utf8(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    private int GetCount(nint session, int slot)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)_table[slot])(session, &count));
        return checked((int)count);
    }

    private nint GetTypeInfo(nint session, int index, int slot)
    {
        nint typeInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)_table[slot])(session, (nuint)index, &typeInfo));
        return typeInfo;
    }

    private string GetName(nint session, int index, nint allocator, int slot)
    {
        byte* name;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)_table[slot])(session, (nuint)index, allocator, &name));
        return TakeString(allocator, name) ?? string.Empty;
    }

    private string GetMetadataString(nint metadata, nint allocator, int slot)
    {
        byte* value;
        Check(((delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)_table[slot])(metadata, allocator, &value));
        return TakeString(allocator, value) ?? string.Empty;
    }

    /// <summary>Copies a string ORT allocated with <paramref name="allocator"/> and frees the original.</summary>
    private string? TakeString(nint allocator, byte* value)
    {
        if (value == null)
        {
            return null;
        }

        var result = Marshal.PtrToStringUTF8((nint)value);
        Free(allocator, value);
        return result;
    }

    private void Free(nint allocator, void* pointer) =>
        Check(((delegate* unmanaged[Cdecl]<nint, void*, nint>)_table[OrtApiSlot.AllocatorFree])(allocator, pointer));

    private void Release(int slot, nint handle) => ((delegate* unmanaged[Cdecl]<nint, void>)_table[slot])(handle);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check(nint status, string? context = null)
    {
        if (status != 0)
        {
            throw ToException(status, context);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private OrtException ToException(nint status, string? context)
    {
        try
        {
            var code = (OrtErrorCode)((delegate* unmanaged[Cdecl]<nint, int>)_table[OrtApiSlot.GetErrorCode])(status);
            var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)_table[OrtApiSlot.GetErrorMessage])(status)) ?? string.Empty;
            return new OrtException(code, message, context);
        }
        finally
        {
            Release(OrtApiSlot.ReleaseStatus, status);
        }
    }
}
