using System.Text.Json;
using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Operator.Benchmarks;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

/// <summary>Benchmarks, results and pod statuses as the kubelet and the runner would write them.</summary>
internal static class BenchmarkFixtures
{
    public static BenchmarkOperatorOptions Options() => new()
    {
        RunnerImage = "registry.test/energy-runner:1.0",
        MeterImage = "registry.test/energy-meter:1.0",
        ImagePullPolicy = "IfNotPresent",
        DefaultNodeSelector = new Dictionary<string, string> { ["pool"] = "bench" },
        DefaultTolerations = [new Toleration { Key = "bench", Operator = "Exists" }],
    };

    /// <summary>One classic model, no hardware targets, the given batch sizes × repetitions.</summary>
    public static EnergyBenchmarkSpec Spec(int[]? batchSizes = null, int repetitions = 1, int parallelism = 1) => new()
    {
        Dataset = new DatasetSpec { Builtin = BuiltinDatasets.SpamAssassin },
        Models = [new ModelSpec { Name = "tfidf", Classic = new ClassicModelSpec() }],
        Runtime = new RuntimeSpec { BatchSizes = batchSizes ?? [8], Repetitions = repetitions, TimeoutSeconds = 900 },
        Parallelism = parallelism,
    };

    public static HardwareTarget GpuTarget => new()
    {
        Name = "h100",
        Gpus = 2,
        NodeSelector = new Dictionary<string, string> { ["pool"] = "gpu" },
        Tolerations = [new Toleration { Key = "nvidia.com/gpu", Operator = "Exists", Effect = "NoSchedule" }],
        ExecutionProvider = ExecutionProvider.Cuda,
    };

    /// <summary>A benchmark as read back from the API server (uid, namespace and generation set).</summary>
    public static EnergyBenchmark Stored(EnergyBenchmarkSpec spec, string name = "spam") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "bench", Uid = "3f1c2a9e-0000-4000-8000-000000000001", Generation = 3 },
        Spec = spec,
    };

    public static RunPlan Run(EnergyBenchmark benchmark, int index = 0) => RunPlanner.Expand(benchmark)[index];

    public static RunResult Succeeded(string run, double accuracy = 0.9, double joules = 12.5, int samples = 100, int batchSize = 8)
    {
        var reading = new EnergyReading("rapl", "cpu-package", "intel-rapl:0", joules, joules / 2, null, 20, EnergyMethod.Counter, Estimated: false);
        var window = new WindowMeasurement("inference", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 2, [reading]);
        return new RunResult
        {
            Name = run,
            Model = "tfidf",
            Engine = "classic/native",
            Hardware = "local",
            BatchSize = batchSize,
            Repetition = 1,
            Outcome = RunOutcome.Succeeded,
            Accuracy = accuracy,
            MacroF1 = accuracy - 0.05,
            Samples = samples,
            DurationSeconds = 2,
            SamplesPerSecond = samples / 2.0,
            Energy = RunEnergy.FromWindow(window, samples),
        };
    }

    /// <summary>A succeeded result that matches its planned run, as RunResultCheck requires of a pod's result.</summary>
    public static RunResult Succeeded(RunPlan run, double accuracy = 0.9, double joules = 12.5, int samples = 100) =>
        Succeeded(run.Name, accuracy, joules, samples, run.BatchSize) with
        {
            Model = run.Model.Name,
            Engine = run.Engine,
            Hardware = run.Hardware.Name,
            Repetition = run.Repetition,
        };

    public static string Json(RunResult result) => JsonSerializer.Serialize(result, ContractsJsonContext.Default.RunResult);

    public static V1ContainerStatus Container(string name, V1ContainerState state, V1ContainerState? last = null) =>
        new() { Name = name, State = state, LastState = last };

    public static V1ContainerState Running() => new() { Running = new V1ContainerStateRunning() };

    public static V1ContainerState Waiting(string reason, string? message = null) => new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    public static V1ContainerState Terminated(int exitCode, string? message = null, string? reason = null) =>
        new() { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Message = message, Reason = reason ?? (exitCode == 0 ? "Completed" : "Error") } };

    /// <summary>A native-sidecar pod's status: the meter among init containers, the runner among containers.</summary>
    public static V1PodStatus Status(string phase, V1ContainerState runner, V1ContainerState? meter = null) => new()
    {
        Phase = phase,
        InitContainerStatuses = [Container(RunnerPod.MeterContainer, meter ?? Running())],
        ContainerStatuses = [Container(RunnerPod.RunnerContainer, runner)],
    };

    public static V1PodStatus SucceededStatus(RunResult result) => Status("Succeeded", Terminated(0, Json(result)), Terminated(0));
}
