namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// A failure reported by ONNX Runtime (its error code and message, with what we were doing: the model file, the
/// inputs) or by this binding while finding and loading the library (then <see cref="ErrorCode"/> is the closest ORT code).
/// </summary>
public sealed class OrtException : Exception
{
    internal OrtException(OrtErrorCode errorCode, string ortMessage, string? context = null, Exception? innerException = null)
        : base(context is null ? ortMessage : $"{context}: {ortMessage}", innerException)
    {
        ErrorCode = errorCode;
        OrtMessage = ortMessage;
    }

    public OrtErrorCode ErrorCode { get; }

    /// <summary>The message exactly as ONNX Runtime (or the loader) produced it, without our context.</summary>
    public string OrtMessage { get; }
}

/// <summary>ONNX Runtime's <c>OrtErrorCode</c>.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    ExecutionProviderFail = 11,
}
