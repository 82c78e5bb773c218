using System.Diagnostics;
using System.Globalization;
using EnergyOperator.Bench;
using EnergyOperator.Runner.Onnx;

// energy-bench write-models DIR INPUT_WIDTH FEATURE_COUNT
// energy-bench run MODEL INPUT_SPEC BATCH INTRA_OP_THREADS SECONDS
//   prints one tab-separated line: runtime model spec batch threads iterations seconds samples_per_second
const int WarmupRuns = 10;
try
{
    switch (args)
    {
        case ["write-models", var directory, var inputWidth, var featureCount]:
            BenchModels.Write(directory, Parse(inputWidth, "INPUT_WIDTH"), Parse(featureCount, "FEATURE_COUNT"));
            return 0;
        case ["run", var model, var spec, var batchText, var threadsText, var secondsText]:
            Run(model, spec, Parse(batchText, "BATCH"), Parse(threadsText, "INTRA_OP_THREADS"), Parse(secondsText, "SECONDS"));
            return 0;
        default:
            Console.Error.WriteLine("usage: energy-bench write-models DIR INPUT_WIDTH FEATURE_COUNT | run MODEL INPUT_SPEC BATCH INTRA_OP_THREADS SECONDS");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or OrtException or IOException)
{
    Console.Error.WriteLine($"energy-bench: {e.Message}");
    return 2;
}

static void Run(string model, string spec, int batch, int threads, int seconds)
{
    using var options = new OrtSessionOptions
    {
        IntraOpThreads = threads,
        InterOpThreads = 1,
        ExecutionMode = OrtExecutionMode.Sequential,
        GraphOptimizationLevel = OrtGraphOptimizationLevel.All,
    };
    using var session = OrtSession.Load(model, options);
    using var inputs = BenchInputs.Create(spec, batch, new Random(1));

    for (var i = 0; i < WarmupRuns; i++)
    {
        session.Run(inputs.Feeds).Dispose();
    }

    var iterations = 0L;
    var budget = TimeSpan.FromSeconds(seconds);
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < budget)
    {
        session.Run(inputs.Feeds).Dispose();
        iterations++;
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Join('\t', "dotnet", Path.GetFileName(model), spec, batch, threads, iterations,
        elapsed.ToString("F3", CultureInfo.InvariantCulture), (iterations * batch / elapsed).ToString("F1", CultureInfo.InvariantCulture)));
}

static int Parse(string value, string name) =>
    int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
        ? number
        : throw new ArgumentException($"{name} must be a positive integer, got '{value}'.");
