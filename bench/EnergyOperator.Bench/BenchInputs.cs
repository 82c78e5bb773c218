using System.Globalization;
using EnergyOperator.Runner.Onnx;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Bench;

/// <summary>
/// Random inputs described by a spec shared with bench/ort-node-bench.mjs: "dense:WIDTH" (float "input" [N, WIDTH])
/// or "sparse:FEATURES:WIDTH" (int64 "indices" below FEATURES and float "values", both [N, WIDTH]).
/// </summary>
internal sealed class BenchInputs : IDisposable
{
    public const string DenseInput = "input";

    private readonly OrtTensor[] _tensors;

    private BenchInputs(Dictionary<string, OrtTensor> feeds)
    {
        Feeds = feeds;
        _tensors = [.. feeds.Values];
    }

    public IReadOnlyDictionary<string, OrtTensor> Feeds { get; }

    public static BenchInputs Create(string spec, int batch, Random random)
    {
        var parts = spec.Split(':');
        switch (parts)
        {
            case ["dense", var width]:
            {
                var columns = Positive(width, spec);
                var data = Enumerable.Range(0, batch * columns).Select(_ => (float)random.NextDouble()).ToArray();
                return new BenchInputs(new() { [DenseInput] = OrtTensor.Create(data, batch, columns) });
            }
            case ["sparse", var features, var width]:
            {
                var (featureCount, columns) = (Positive(features, spec), Positive(width, spec));
                var indices = Enumerable.Range(0, batch * columns).Select(_ => (long)random.Next(featureCount)).ToArray();
                var values = Enumerable.Range(0, batch * columns).Select(_ => (float)random.NextDouble()).ToArray();
                return new BenchInputs(new()
                {
                    [LinearTextModelExport.IndicesInput] = OrtTensor.Create(indices, batch, columns),
                    [LinearTextModelExport.ValuesInput] = OrtTensor.Create(values, batch, columns),
                });
            }
            default:
                throw new ArgumentException($"Input spec '{spec}' is neither dense:WIDTH nor sparse:FEATURES:WIDTH.", nameof(spec));
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _tensors)
        {
            tensor.Dispose();
        }
    }

    private static int Positive(string value, string spec) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Input spec '{spec}': '{value}' is not a positive integer.", nameof(spec));
}
