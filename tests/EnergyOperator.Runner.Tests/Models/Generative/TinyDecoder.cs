using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Runner.Tests.Models.Generative;

/// <summary>A random-weight GPT-2-shaped decoder small enough to build and run in milliseconds.</summary>
internal static class TinyDecoder
{
    public static readonly DecoderArchitecture Architecture = new() { Layers = 2, Heads = 2, HiddenSize = 16, Vocabulary = 61, MaxPositions = 64, Seed = 7 };

    public static GreedyDecoder Load(DecoderArchitecture? architecture = null)
    {
        architecture ??= Architecture;
        OnnxRuntimeLibrary.Load(explicitPath: null);
        var settings = new OnnxSessionSettings { IntraOpThreads = 1 };
        return GreedyDecoder.Create(OnnxSessions.Load(RandomDecoderExport.Build(architecture), settings), "tiny-decoder", settings, architecture.MaxPositions);
    }
}
