using EnergyOperator.Runner.Onnx.Native;

namespace EnergyOperator.Runner.Onnx;

/// <summary>
/// Settings for creating an <see cref="OrtSession"/> (ORT's <c>OrtSessionOptions</c>); each setter applies at once.
/// Defaults are ORT's: thread counts 0 (ORT decides), <see cref="OrtGraphOptimizationLevel.All"/>, sequential execution.
/// </summary>
public sealed class OrtSessionOptions : IDisposable
{
    private readonly OrtEnvironment _environment;
    private readonly OrtOwnedHandle _handle;
    private int _intraOpThreads;
    private int _interOpThreads;
    private OrtGraphOptimizationLevel _graphOptimizationLevel = OrtGraphOptimizationLevel.All;
    private OrtExecutionMode _executionMode = OrtExecutionMode.Sequential;

    public OrtSessionOptions()
        : this(OrtEnvironment.Shared)
    {
    }

    internal OrtSessionOptions(OrtEnvironment environment)
    {
        _environment = environment;
        _handle = new OrtOwnedHandle(environment.Api.CreateSessionOptions(), environment.Api.ReleaseSessionOptions);
    }

    /// <summary>Threads used inside one operator (e.g. a MatMul); 0 lets ORT choose, 1 runs on the calling thread.</summary>
    public int IntraOpThreads
    {
        get => _intraOpThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(IntraOpThreads));
            _environment.Api.SetIntraOpNumThreads(Handle, value);
            _intraOpThreads = value;
        }
    }

    /// <summary>Threads running independent operators concurrently; only used with <see cref="OrtExecutionMode.Parallel"/>.</summary>
    public int InterOpThreads
    {
        get => _interOpThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(InterOpThreads));
            _environment.Api.SetInterOpNumThreads(Handle, value);
            _interOpThreads = value;
        }
    }

    public OrtGraphOptimizationLevel GraphOptimizationLevel
    {
        get => _graphOptimizationLevel;
        set
        {
            _environment.Api.SetSessionGraphOptimizationLevel(Handle, value);
            _graphOptimizationLevel = value;
        }
    }

    public OrtExecutionMode ExecutionMode
    {
        get => _executionMode;
        set
        {
            _environment.Api.SetSessionExecutionMode(Handle, value);
            _executionMode = value;
        }
    }

    /// <summary>The CUDA device sessions created with these options run on, or null for CPU only.</summary>
    public int? CudaDeviceId { get; private set; }

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>
    /// Prefers the CUDA execution provider on <paramref name="deviceId"/> (operators it cannot run fall back to CPU).
    /// Throws <see cref="OrtException"/> when the loaded library has no CUDA execution provider or cannot start it.
    /// </summary>
    public void AppendCuda(int deviceId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        if (!_environment.HasCuda)
        {
            throw new OrtException(OrtErrorCode.NotImplemented,
                $"The loaded ONNX Runtime library '{_environment.LibraryPath}' ({_environment.Version}) has no CUDA execution provider " +
                $"(it is a CPU build: no CUDA provider library beside it). {_environment.CudaRemedy}");
        }

        try
        {
            _environment.Api.AppendCudaExecutionProvider(Handle, deviceId);
        }
        catch (OrtException e)
        {
            throw new OrtException(e.ErrorCode, e.OrtMessage,
                $"The loaded ONNX Runtime library '{_environment.LibraryPath}' could not start its CUDA execution provider on device {deviceId}. " +
                $"{_environment.CudaRemedy} ONNX Runtime said", e);
        }

        CudaDeviceId = deviceId;
    }

    public void Dispose() => _handle.Dispose();
}
