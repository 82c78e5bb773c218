using System.Buffers;
using EnergyOperator.Runner.Onnx.Native;

namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// An input tensor over managed memory, without a copy: the memory stays pinned and ORT reads it in place until
/// the tensor is disposed. Writing new values into the same buffer between runs is how buffers are reused.
/// </summary>
public sealed class OrtTensor : IDisposable
{
    private readonly OrtOwnedHandle _value;
    private readonly long[] _shape;
    private MemoryHandle _pin;
    private int _disposed;

    private OrtTensor(OrtOwnedHandle value, MemoryHandle pin, OrtElementType elementType, long[] shape)
    {
        _value = value;
        _pin = pin;
        ElementType = elementType;
        _shape = shape;
    }

    public OrtElementType ElementType { get; }

    public IReadOnlyList<long> Shape => _shape;

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_value.IsClosed, this);
            return _value.DangerousGetHandle();
        }
    }

    /// <summary>Wraps <paramref name="data"/> (row-major, exactly as many elements as <paramref name="shape"/> holds).</summary>
    public static OrtTensor Create<T>(T[] data, params ReadOnlySpan<long> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create(data.AsMemory(), shape);
    }

    /// <inheritdoc cref="Create{T}(T[], ReadOnlySpan{long})"/>
    public static unsafe OrtTensor Create<T>(Memory<T> data, ReadOnlySpan<long> shape) where T : unmanaged
    {
        var elementType = OrtElementTypes.Of<T>();
        var elementCount = ElementCount(shape);
        if (elementCount != data.Length)
        {
            throw new ArgumentException(
                $"A tensor of shape [{string.Join(", ", shape.ToArray())}] holds {elementCount} elements but the buffer has {data.Length}.", nameof(data));
        }

        var environment = OrtEnvironment.Shared;
        var pin = data.Pin();
        try
        {
            var value = environment.Api.CreateTensorWithData(
                environment.CpuMemoryInfo, pin.Pointer, (nuint)(data.Length * sizeof(T)), shape, elementType);
            return new OrtTensor(new OrtOwnedHandle(value, environment.Api.ReleaseValue), pin, elementType, shape.ToArray());
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // ORT's value points into the pinned buffer, so it goes first.
            _value.Dispose();
            _pin.Dispose();
        }
    }

    internal string Describe() => $"{ElementType}[{string.Join(", ", _shape)}]";

    private static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count = checked(count * dimension);
        }
        return count;
    }
}
