using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EnergyOperator.Runner.Onnx.Native;

namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// A loaded ONNX model (ORT's <c>OrtSession</c>). <see cref="Run"/> may be called from several threads at once;
/// dispose only after the last run returned.
/// </summary>
public sealed class OrtSession : IDisposable
{
    private readonly OrtEnvironment _environment;
    private readonly OrtOwnedHandle _handle;
    private readonly NativeNames _inputNames;
    private readonly NativeNames _outputNames;

    private OrtSession(OrtEnvironment environment, nint handle, string modelName)
    {
        _environment = environment;
        _handle = new OrtOwnedHandle(handle, environment.Api.ReleaseSession);
        ModelName = modelName;
        try
        {
            var api = environment.Api;
            var allocator = environment.Allocator;
            Inputs = ReadValueInfos(api, handle, allocator, api.SessionGetInputCount(handle), api.SessionGetInputName, api.SessionGetInputTypeInfo);
            Outputs = ReadValueInfos(api, handle, allocator, api.SessionGetOutputCount(handle), api.SessionGetOutputName, api.SessionGetOutputTypeInfo);
            Metadata = ReadMetadata(api, handle, environment.Allocator);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }

        _inputNames = new NativeNames(Inputs);
        _outputNames = new NativeNames(Outputs);
    }

    /// <summary>The model file path, or the name given for an in-memory model; used in error messages.</summary>
    public string ModelName { get; }

    public IReadOnlyList<OrtValueInfo> Inputs { get; }

    public IReadOnlyList<OrtValueInfo> Outputs { get; }

    public OrtModelMetadata Metadata { get; }

    /// <summary>Loads the model at <paramref name="modelPath"/>; ORT's complaint about a missing or corrupt file comes with the path.</summary>
    public static OrtSession Load(string modelPath, OrtSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var environment = OrtEnvironment.Shared;
        using var defaults = options is null ? new OrtSessionOptions(environment) : null;
        var handle = environment.Api.CreateSession(
            environment.Handle, modelPath, (options ?? defaults!).Handle, $"ONNX Runtime could not load model '{modelPath}'");
        return new OrtSession(environment, handle, modelPath);
    }

    /// <summary>Loads a model from its serialized bytes; <paramref name="modelName"/> names it in error messages.</summary>
    public static OrtSession Load(ReadOnlySpan<byte> model, OrtSessionOptions? options = null, string modelName = "in-memory model")
    {
        var environment = OrtEnvironment.Shared;
        using var defaults = options is null ? new OrtSessionOptions(environment) : null;
        var handle = environment.Api.CreateSessionFromArray(
            environment.Handle, model, (options ?? defaults!).Handle, $"ONNX Runtime could not load {modelName} ({model.Length} bytes)");
        return new OrtSession(environment, handle, modelName);
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (by input name) and returns <paramref name="outputNames"/>
    /// (all outputs when null), in that order. Dispose the result to free the output memory.
    /// </summary>
    public unsafe OrtRunOutputs Run(IReadOnlyDictionary<string, OrtTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);

        var inputCount = inputs.Count;
        var inputNamePointers = new nint[inputCount];
        var inputValues = new nint[inputCount];
        var position = 0;
        foreach (var (name, tensor) in inputs)
        {
            ArgumentNullException.ThrowIfNull(tensor, $"inputs[{name}]");
            inputNamePointers[position] = _inputNames.Pointers[IndexOf(Inputs, name, "input")];
            inputValues[position] = tensor.Handle;
            position++;
        }

        // Plain loops rather than LINQ: this runs once per batch inside the metered window.
        var outputCount = outputNames?.Count ?? Outputs.Count;
        var outputIndices = new int[outputCount];
        var outputNamePointers = new nint[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputIndices[i] = outputNames is null ? i : IndexOf(Outputs, outputNames[i], "output");
            outputNamePointers[i] = _outputNames.Pointers[outputIndices[i]];
        }

        var outputValues = new nint[outputCount];

        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            nint status;
            fixed (nint* inNames = inputNamePointers, inValues = inputValues, outNames = outputNamePointers, outValues = outputValues)
            {
                status = _environment.Api.Run(_handle.DangerousGetHandle(), inNames, inValues, inputCount, outNames, outValues, outputValues.Length);
            }

            _environment.Api.Check(status, status == 0 ? null : DescribeRun(inputs));
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }

        return WrapOutputs(outputIndices, outputValues);
    }

    public void Dispose() => _handle.Dispose();

    private OrtRunOutputs WrapOutputs(int[] outputIndices, nint[] outputValues)
    {
        var api = _environment.Api;
        var owned = Array.ConvertAll(outputValues, v => new OrtOwnedHandle(v, api.ReleaseValue));
        try
        {
            var outputs = new OrtOutput[owned.Length];
            for (var i = 0; i < owned.Length; i++)
            {
                outputs[i] = new OrtOutput(Outputs[outputIndices[i]].Name, owned[i], api);
            }
            return new OrtRunOutputs(outputs);
        }
        catch
        {
            foreach (var handle in owned)
            {
                handle.Dispose();
            }
            throw;
        }
    }

    private string DescribeRun(IReadOnlyDictionary<string, OrtTensor> inputs) =>
        $"Running model '{ModelName}' failed with inputs {string.Join(", ", inputs.Select(i => $"{i.Key}: {i.Value.Describe()}"))} " +
        $"(the model expects {string.Join(", ", Inputs.Select(Describe))})";

    private static string Describe(OrtValueInfo info) =>
        $"{info.Name}: {info.ElementType}[{string.Join(", ", info.Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : info.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]";

    private int IndexOf(IReadOnlyList<OrtValueInfo> values, string name, string kind)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException(
            $"Model '{ModelName}' has no {kind} '{name}'; its {kind}s are {string.Join(", ", values.Select(v => v.Name))}.", kind == "input" ? "inputs" : "outputNames");
    }

    private static OrtValueInfo[] ReadValueInfos(
        OrtApi api, nint session, nint allocator, int count, Func<nint, int, nint, string> getName, Func<nint, int, nint> getTypeInfo)
    {
        var infos = new OrtValueInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = getName(session, i, allocator);
            var typeInfo = getTypeInfo(session, i);
            try
            {
                var tensorInfo = api.CastTypeInfoToTensorInfo(typeInfo);
                if (tensorInfo == 0)
                {
                    infos[i] = new OrtValueInfo(name, OrtElementType.Undefined, [], []);
                    continue;
                }

                var shape = api.GetDimensions(tensorInfo);
                infos[i] = new OrtValueInfo(name, api.GetTensorElementType(tensorInfo), shape, api.GetSymbolicDimensions(tensorInfo, shape.Length));
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }
        return infos;
    }

    private static OrtModelMetadata ReadMetadata(OrtApi api, nint session, nint allocator)
    {
        var metadata = api.SessionGetModelMetadata(session);
        try
        {
            var custom = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in api.ModelMetadataGetCustomMetadataMapKeys(metadata, allocator))
            {
                custom[key] = api.ModelMetadataLookupCustomMetadataMap(metadata, allocator, key) ?? string.Empty;
            }

            return new OrtModelMetadata(
                api.ModelMetadataGetProducerName(metadata, allocator),
                api.ModelMetadataGetGraphName(metadata, allocator),
                api.ModelMetadataGetDomain(metadata, allocator),
                api.ModelMetadataGetDescription(metadata, allocator),
                api.ModelMetadataGetVersion(metadata),
                custom);
        }
        finally
        {
            api.ReleaseModelMetadata(metadata);
        }
    }

    /// <summary>
    /// Null-terminated UTF-8 copies of the model's input or output names in pinned arrays, made once so that
    /// <see cref="Run"/> passes them to ORT without converting or pinning on every call.
    /// </summary>
    private sealed class NativeNames
    {
        private readonly byte[][] _buffers;

        public NativeNames(IReadOnlyList<OrtValueInfo> values)
        {
            _buffers = new byte[values.Count][];
            Pointers = new nint[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                var utf8 = OrtApi.Utf8(values[i].Name);
                _buffers[i] = GC.AllocateUninitializedArray<byte>(utf8.Length, pinned: true);
                utf8.CopyTo(_buffers[i], 0);
                Pointers[i] = PointerTo(_buffers[i]);
            }
        }

        public nint[] Pointers { get; }

        private static unsafe nint PointerTo(byte[] pinned) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
    }
}
