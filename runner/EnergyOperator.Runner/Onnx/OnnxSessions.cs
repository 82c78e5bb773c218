using EnergyOperator.Contracts.V1Alpha1;
using Microsoft.ML.OnnxRuntime;

namespace EnergyOperator.Runner.Onnx;

/// <summary>Opens ONNX Runtime sessions with the runner's settings: full graph optimisation, and CUDA when asked.</summary>
public static class OnnxSessions
{
    /// <summary>Loads the model at <paramref name="modelPath"/>.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model or the execution provider.</exception>
    public static InferenceSession Load(string modelPath, OnnxSessionSettings settings)
    {
        using var options = Options(settings);
        return new InferenceSession(modelPath, options);
    }

    /// <summary>Loads a model from its serialized bytes.</summary>
    public static InferenceSession Load(byte[] model, OnnxSessionSettings settings)
    {
        using var options = Options(settings);
        return new InferenceSession(model, options);
    }

    private static SessionOptions Options(OnnxSessionSettings settings)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = settings.IntraOpThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        };
        if (settings.ProfilePrefix is { } prefix)
        {
            // The prefix first: enabling passes the prefix set at that moment to ONNX Runtime. Written when the session is disposed.
            options.ProfileOutputPathPrefix = prefix;
            options.EnableProfiling = true;
        }

        try
        {
            if (settings.Provider == ExecutionProvider.Cuda)
            {
                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = settings.Cuda.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    // ORT turns TF32 on by default; the runner follows the manifest (default off, as PyTorch's matmuls).
                    ["use_tf32"] = settings.Cuda.Tf32 ? "1" : "0",
                });
                options.AppendExecutionProvider_CUDA(cuda);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
