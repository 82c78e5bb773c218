using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Runner.Onnx;

/// <summary>How a model's ONNX Runtime session runs.</summary>
public sealed record OnnxSessionSettings
{
    /// <summary>Intra-op threads; 0 lets ONNX Runtime use every core.</summary>
    public int IntraOpThreads { get; init; }

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>CUDA options; used when <see cref="Provider"/> is CUDA.</summary>
    public CudaSpec Cuda { get; init; } = new();

    /// <summary>Path prefix of ONNX Runtime's profile (the session adds a timestamp and <c>.json</c>); null: no profiling.</summary>
    public string? ProfilePrefix { get; init; }
}
