using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Contracts.Planning;

/// <summary>One run of a benchmark: what a runner executes and what one runner pod carries.</summary>
/// <param name="Name">Deterministic, DNS-1123 label safe (≤ 63 characters): the same spec always yields the same names, so a
/// restarted operator finds the pods it already created.</param>
public sealed record RunPlan(
    string Name,
    ModelSpec Model,
    HardwareTarget Hardware,
    int BatchSize,
    int Repetition,
    ExecutionProvider ExecutionProvider)
{
    /// <summary>The grid the run measures: <c>spec.workload</c> for a model that runs one (<see cref="RunPlanner.RunsGrid"/>), else null.</summary>
    public WorkloadSpec? Workload { get; init; }

    public string Engine => Model switch
    {
        { Classic.Engine: ModelEngine.Native } => "classic/native",
        { Classic: not null } => "classic/onnxruntime",
        { Embedding: not null } => "embedding",
        { Generative: not null } => "generative",
        { Server.ZeroShot: not null } => "server/zero-shot",
        { Server: not null } => "server",
        _ => "onnx",
    };

    /// <summary>The run computes on a GPU: the cuda provider, or a target that requests GPUs.</summary>
    public bool UsesGpu => ExecutionProvider == ExecutionProvider.Cuda || Hardware.Gpus > 0;

    /// <summary>This run's result record with its identity filled in; whoever measured or failed it adds the rest.</summary>
    public RunResult Result(RunOutcome outcome) => new()
    {
        Name = Name,
        Model = Model.Name,
        Engine = Engine,
        Hardware = Hardware.Name,
        BatchSize = BatchSize,
        Repetition = Repetition,
        Outcome = outcome,
    };

    /// <summary>
    /// SHA-256 (lower-case hex) of what makes a pod this run's: the benchmark's uid, the model spec, the hardware target, the
    /// batch size, the repetition and, for a grid run, the workload. Independent of the generation, so a spec change that leaves
    /// the run alone keeps it. Object keys are sorted before hashing, so the digest survives the API server's re-ordering of maps.
    /// </summary>
    public string Digest(string benchmarkUid)
    {
        var identity = new JsonObject
        {
            ["benchmarkUid"] = benchmarkUid,
            ["model"] = JsonSerializer.SerializeToNode(Model, ContractsJsonContext.Default.ModelSpec),
            ["hardware"] = JsonSerializer.SerializeToNode(Hardware, ContractsJsonContext.Default.HardwareTarget),
            ["batchSize"] = BatchSize,
            ["repetition"] = Repetition,
        };

        // Only where there is one: a run without a grid keeps the digest its pods were created with.
        if (Workload is not null)
        {
            identity["workload"] = JsonSerializer.SerializeToNode(Workload, ContractsJsonContext.Default.WorkloadSpec);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(identity)!.ToJsonString())));
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    /// <param name="reason">One of <see cref="RunFailureReasons"/>.</param>
    public RunResult Failed(string reason, string message) => Result(RunOutcome.Failed) with { Reason = reason, Message = message };
}

public static class RunPlanner
{
    /// <summary>
    /// Most runs one benchmark may expand to. etcd stores at most ~1.5 MiB per object; a run's result takes about 650 bytes of
    /// status and at most the 4 KiB of its pod's termination message, so 256 runs stay under 1.1 MiB at worst.
    /// </summary>
    public const int MaxRuns = 256;

    /// <summary>The hardware target of a spec without <c>hardware</c>: this machine, or the operator's default pool.</summary>
    public static HardwareTarget LocalTarget { get; } = new() { Name = "local" };

    /// <summary>Expands models × hardware (the targets a model's <c>hardware</c> names, if set) × batch sizes × repetitions, in that nesting order.</summary>
    public static IReadOnlyList<RunPlan> Expand(EnergyBenchmark benchmark)
    {
        var spec = benchmark.Spec;
        var targets = spec.Hardware.Count > 0 ? spec.Hardware : [LocalTarget];
        var runs = new List<RunPlan>();
        foreach (var model in spec.Models)
        {
            foreach (var target in targets.Where(target => model.Hardware is null || model.Hardware.Contains(target.Name)))
            {
                foreach (var batchSize in spec.Runtime.BatchSizes)
                {
                    for (var repetition = 1; repetition <= spec.Runtime.Repetitions; repetition++)
                    {
                        var name = RunName(benchmark.Metadata.Name ?? "benchmark", model.Name, target.Name, batchSize, repetition);
                        runs.Add(new RunPlan(name, model, target, batchSize, repetition, target.ExecutionProvider ?? spec.Runtime.ExecutionProvider)
                        {
                            Workload = RunsGrid(model) ? spec.Workload : null,
                        });
                    }
                }
            }
        }

        return runs;
    }

    /// <summary>The model is measured over <c>spec.workload</c>: a generative model, or a served one that does not classify zero-shot.</summary>
    public static bool RunsGrid(ModelSpec model) => model.Generative is not null || model.Server is { ZeroShot: null };

    /// <summary>
    /// <c>{benchmark}-{model}-{target}-b{batch}-r{rep}</c>; when that exceeds a DNS label, the prefix is cut and a short hash of
    /// the full name keeps it unique.
    /// </summary>
    public static string RunName(string benchmark, string model, string target, int batchSize, int repetition)
    {
        const int MaxLength = 63;
        var suffix = $"-b{batchSize}-r{repetition}";
        var full = $"{benchmark}-{model}-{target}{suffix}";
        if (full.Length <= MaxLength)
        {
            return full;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..8];
        var prefix = $"{benchmark}-{model}-{target}"[..(MaxLength - suffix.Length - hash.Length - 1)].TrimEnd('-');
        return $"{prefix}-{hash}{suffix}";
    }
}
