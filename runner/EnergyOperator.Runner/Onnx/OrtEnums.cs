namespace EnergyOperator.Runner.Onnx;

/// <summary>ONNX Runtime's <c>OrtLoggingLevel</c>: the minimum severity ORT writes to stderr.</summary>
public enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

/// <summary>ONNX Runtime's <c>GraphOptimizationLevel</c>.</summary>
public enum OrtGraphOptimizationLevel
{
    DisableAll = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

/// <summary>ONNX Runtime's <c>ExecutionMode</c>: whether independent graph branches may run concurrently.</summary>
public enum OrtExecutionMode
{
    Sequential = 0,
    Parallel = 1,
}

/// <summary>ONNX tensor element types (<c>TensorProto.DataType</c>, which ORT's <c>ONNXTensorElementDataType</c> mirrors).</summary>
public enum OrtElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}

internal static class OrtElementTypes
{
    /// <summary>The element type for a CLR type we can share with ORT without conversion.</summary>
    public static OrtElementType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? OrtElementType.Float
        : typeof(T) == typeof(long) ? OrtElementType.Int64
        : typeof(T) == typeof(int) ? OrtElementType.Int32
        : typeof(T) == typeof(double) ? OrtElementType.Double
        : typeof(T) == typeof(byte) ? OrtElementType.UInt8
        : typeof(T) == typeof(bool) ? OrtElementType.Bool
        : throw new NotSupportedException(
            $"Tensors of {typeof(T).Name} are not supported; use float, long, int, double, byte or bool.");
}
