using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.EndToEnd.Tests;

/// <summary>Small benchmarks that run in seconds on two cores: 300 SpamAssassin texts, 2^14 hash features, 3 epochs.</summary>
internal static class Benchmarks
{
    public static EnergyBenchmarkSpec SpamAssassin(params ModelEngine[] engines) => new()
    {
        Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin, Limit = 300 },
        Models = [.. engines.Select(engine => new ModelSpec
        {
            Name = engine == ModelEngine.Native ? "lr-native" : "lr-ort",
            Classic = new ClassicModelSpec { HashBits = 14, Epochs = 3, Engine = engine },
        })],
        Runtime = new RuntimeSpec { BatchSizes = [16], TimeoutSeconds = 120 },
        Measurement = new MeasurementSpec { Meters = [MeterKind.Estimate], SampleIntervalMs = 20 },
        Parallelism = 2,
    };
}
