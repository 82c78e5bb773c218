using EnergyOperator.Runner.Onnx.Native;

namespace EnergyOperator.Runner.Onnx;

/// <summary>One output tensor of <see cref="OrtSession.Run"/>; its data lives in ORT's memory until the owning <see cref="OrtRunOutputs"/> is disposed.</summary>
public sealed class OrtOutput
{
    private readonly OrtOwnedHandle _value;
    private readonly long[] _shape;
    private readonly long _elementCount;
    private readonly OrtApi _api;

    internal OrtOutput(string name, OrtOwnedHandle value, OrtApi api)
    {
        Name = name;
        _value = value;
        var info = api.GetTensorTypeAndShape(value.DangerousGetHandle());
        try
        {
            ElementType = api.GetTensorElementType(info);
            _shape = api.GetDimensions(info);
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        _elementCount = _shape.Aggregate(1L, (count, dimension) => count * dimension);
        _api = api;
    }

    public string Name { get; }

    public OrtElementType ElementType { get; }

    public IReadOnlyList<long> Shape => _shape;

    /// <summary>The tensor's elements, row-major. <typeparamref name="T"/> must match <see cref="ElementType"/>.</summary>
    public unsafe ReadOnlySpan<T> GetData<T>() where T : unmanaged
    {
        var requested = OrtElementTypes.Of<T>();
        if (requested != ElementType)
        {
            throw new InvalidOperationException($"Output '{Name}' holds {ElementType} elements, not {requested} ({typeof(T).Name}).");
        }

        ObjectDisposedException.ThrowIf(_value.IsClosed, this);
        return _elementCount == 0
            ? ReadOnlySpan<T>.Empty
            : new ReadOnlySpan<T>(_api.GetTensorMutableData(_value.DangerousGetHandle()), checked((int)_elementCount));
    }

    internal void Release() => _value.Dispose();
}

/// <summary>The outputs of one run, in the requested order; disposing releases their memory.</summary>
public sealed class OrtRunOutputs : IReadOnlyList<OrtOutput>, IDisposable
{
    private readonly OrtOutput[] _outputs;

    internal OrtRunOutputs(OrtOutput[] outputs) => _outputs = outputs;

    public int Count => _outputs.Length;

    public OrtOutput this[int index] => _outputs[index];

    public OrtOutput this[string name] => Array.Find(_outputs, o => o.Name == name)
        ?? throw new KeyNotFoundException($"No output '{name}' in this run; it returned {string.Join(", ", _outputs.Select(o => o.Name))}.");

    public IEnumerator<OrtOutput> GetEnumerator() => ((IEnumerable<OrtOutput>)_outputs).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var output in _outputs)
        {
            output.Release();
        }
    }
}
