using EnergyOperator.Runner.Onnx;

namespace EnergyOperator.Runner.Tests.Onnx;

/// <summary>Sessions on the ONNX Runtime the build copied beside the tests, loaded the way the runner loads it.</summary>
internal static class OnnxTestSessions
{
    public static BoundSession Bind(byte[] model, string name = "test-model")
    {
        OnnxRuntimeLibrary.Load(explicitPath: null);
        return new BoundSession(OnnxSessions.Load(model, new OnnxSessionSettings { IntraOpThreads = 1 }), name);
    }
}
