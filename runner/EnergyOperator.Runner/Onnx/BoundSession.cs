using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// A session driven through IOBinding, as the inference window needs it: each batch binds its inputs from host memory and its
/// output into a host buffer that only grows, so ONNX Runtime allocates no output per batch and, on CUDA, copies just the
/// inputs in and the scores out. Converts where models differ from the runner's natural types: int64 ids go in as int32 to
/// models declaring int32, float16 scores come out as float. Not thread-safe: one per classifier.
/// </summary>
public sealed class BoundSession : IDisposable
{
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    // The values bound for the current batch: each pins the managed memory it wraps, so they live until the run returned.
    private readonly List<OrtValue> _bound = [];
    private readonly Dictionary<string, int[]> _int32Inputs = new(StringComparer.Ordinal);
    private float[] _scores = [];
    private Float16[] _halfScores = [];

    public BoundSession(InferenceSession session, string modelName)
    {
        Session = session;
        ModelName = modelName;
        _binding = session.CreateIoBinding();
    }

    public InferenceSession Session { get; }

    /// <summary>The model file, or the name of an in-memory model; used in error messages.</summary>
    public string ModelName { get; }

    /// <summary>Element type of an input or output as the model declares it.</summary>
    public TensorElementType ElementTypeOf(string name) =>
        Session.InputMetadata.TryGetValue(name, out var input) ? input.ElementDataType
        : Session.OutputMetadata.TryGetValue(name, out var output) ? output.ElementDataType
        : throw new ArgumentException($"Model '{ModelName}' has no input or output '{name}'.", nameof(name));

    /// <summary>Binds token ids or masks; a model declaring int32 gets an int32 copy.</summary>
    public void BindInt64(string input, Memory<long> values, long[] shape)
    {
        if (ElementTypeOf(input) != TensorElementType.Int32)
        {
            Bind(input, values, shape);
            return;
        }

        if (!_int32Inputs.TryGetValue(input, out var narrow) || narrow.Length < values.Length)
        {
            _int32Inputs[input] = narrow = new int[values.Length];
        }

        var source = values.Span;
        for (var i = 0; i < source.Length; i++)
        {
            narrow[i] = (int)source[i];
        }

        Bind(input, narrow.AsMemory(0, values.Length), shape);
    }

    public void BindFloat(string input, Memory<float> values, long[] shape) => Bind(input, values, shape);

    /// <summary>
    /// Runs the model and returns <paramref name="output"/>, which must have <paramref name="shape"/>, as float (float16
    /// scores are widened). The span is valid until the next run.
    /// </summary>
    /// <exception cref="InvalidDataException">The model rejected the inputs or its output has another shape.</exception>
    public ReadOnlySpan<float> Run(string output, long[] shape)
    {
        var length = 1;
        foreach (var dimension in shape)
        {
            length = checked(length * (int)dimension);
        }

        Grow(ref _scores, length);
        var half = ElementTypeOf(output) == TensorElementType.Float16;
        if (half)
        {
            Grow(ref _halfScores, length);
            Bind(output, _halfScores.AsMemory(0, length), shape, isOutput: true);
        }
        else
        {
            Bind(output, _scores.AsMemory(0, length), shape, isOutput: true);
        }

        try
        {
            Session.RunWithBinding(_runOptions, _binding);
            _binding.SynchronizeBoundOutputs();
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"Running model '{ModelName}' failed: {e.Message} (it expects {Describe(Session.InputMetadata)}; output '{output}' was bound as [{string.Join(", ", shape)}])", e);
        }
        finally
        {
            ReleaseBound();
        }

        if (half)
        {
            for (var i = 0; i < length; i++)
            {
                _scores[i] = _halfScores[i].ToFloat();
            }
        }

        return _scores.AsSpan(0, length);
    }

    public void Dispose()
    {
        ReleaseBound();
        _binding.Dispose();
        _runOptions.Dispose();
        Session.Dispose();
    }

    private void Bind<T>(string name, Memory<T> values, long[] shape, bool isOutput = false)
        where T : unmanaged
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values, shape);
        _bound.Add(value);
        if (isOutput)
        {
            _binding.BindOutput(name, value);
        }
        else
        {
            _binding.BindInput(name, value);
        }
    }

    private void ReleaseBound()
    {
        foreach (var value in _bound)
        {
            value.Dispose();
        }

        _bound.Clear();
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> values) =>
        string.Join(", ", values.Select(v =>
            $"{v.Key}: {v.Value.ElementDataType}[{string.Join(", ", v.Value.Dimensions.Select((d, i) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : v.Value.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]"));
}
