using System.Globalization;
using System.Text.Json;
using EnergyOperator.Contracts.Kubernetes;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using k8s.Models;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// The pod of one run (docs/runner-pod.md): the runner container and the meter sidecar sharing a results volume. The same
/// benchmark and plan always give the same pod, so a restarted operator recognises what it created.
/// </summary>
internal sealed class RunPodBuilder(BenchmarkOperatorOptions options)
{
    /// <summary>The benchmark generation a pod was created for; <see cref="SpecChangePolicy.Restart"/> ignores older pods.</summary>
    public const string GenerationAnnotation = "energy.energyoperator.io/generation";

    /// <summary>
    /// <see cref="RunPlan.Digest"/> of the run a pod was created for: a pod without it, or with another, is not that run's
    /// pod, whatever its name and owner say, and its result is never recorded.
    /// </summary>
    public const string RunDigestAnnotation = "energy.energyoperator.io/run-digest";

    private const string TmpVolume = "tmp";
    private const int NonRootUser = 65532;

    public V1Pod Build(EnergyBenchmark benchmark, RunPlan run)
    {
        var metadata = benchmark.Metadata;
        var uid = metadata.Uid ?? throw new ArgumentException($"EnergyBenchmark '{metadata.Name}' has no metadata.uid: read it from the API server.", nameof(benchmark));
        var target = run.Hardware;
        var meter = MeterContainer(benchmark.Spec.Measurement, run);
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = run.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>
                {
                    [RunnerPod.BenchmarkLabel] = metadata.Name!,
                    [RunnerPod.RunLabel] = run.Name,
                    [RunnerPod.ModelLabel] = run.Model.Name,
                    [RunnerPod.HardwareLabel] = target.Name,
                },
                Annotations = new Dictionary<string, string>
                {
                    [GenerationAnnotation] = (metadata.Generation ?? 0).ToString(CultureInfo.InvariantCulture),
                    [RunDigestAnnotation] = run.Digest(uid),
                },
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = benchmark.ApiVersion, Kind = benchmark.Kind, Name = metadata.Name!, Uid = uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                // Without a sensor the meter estimates from CPU time, and must see the runner's processes for that.
                ShareProcessNamespace = true,
                ActiveDeadlineSeconds = benchmark.Spec.Runtime.TimeoutSeconds,
                ServiceAccountName = options.RunnerServiceAccount,
                // Neither container talks to the API server: no token to steal from a benchmark's code.
                AutomountServiceAccountToken = false,
                NodeSelector = (target.NodeSelector ?? options.DefaultNodeSelector)?.ToDictionary(StringComparer.Ordinal),
                Tolerations = (target.Tolerations ?? options.DefaultTolerations)?.Select(ToPodToleration).ToList(),
                InitContainers = Sidecars(meter, run) is { Count: > 0 } sidecars ? sidecars : null,
                Containers = options.UseNativeSidecar ? [RunnerContainer(benchmark, run)] : [RunnerContainer(benchmark, run), meter],
                Volumes =
                [
                    new V1Volume { Name = RunnerPod.ResultsVolume, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = Quantity(options.ResultsSizeLimit) } },
                    new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = Quantity(options.TmpSizeLimit) } },
                    new V1Volume { Name = RunnerPod.PowercapVolume, HostPath = new V1HostPathVolumeSource { Path = RunnerPod.HostPowercapPath, Type = "Directory" } },
                ],
            },
        };
    }

    /// <summary>Whether <paramref name="pod"/> carries the digest <see cref="Build"/> stamps for this benchmark's <paramref name="run"/>.</summary>
    public static bool IsCreatedFor(V1Pod pod, string benchmarkUid, RunPlan run) =>
        pod.Metadata.Annotations?.TryGetValue(RunDigestAnnotation, out var digest) == true
        && string.Equals(digest, run.Digest(benchmarkUid), StringComparison.Ordinal);

    /// <summary>What <see cref="RunnerPod.BenchmarkEnv"/> carries: the name and spec only, compact.</summary>
    public static string BenchmarkJson(EnergyBenchmark benchmark)
    {
        var carried = new EnergyBenchmark { Metadata = new V1ObjectMeta { Name = benchmark.Metadata.Name }, Spec = benchmark.Spec };
        return JsonSerializer.SerializeToNode(carried, ContractsJsonContext.Default.EnergyBenchmark)!.ToJsonString();
    }

    /// <summary>
    /// Native sidecars (<c>restartPolicy: Always</c>) stop when the runner ends: the meter when <c>UseNativeSidecar</c> asks for it,
    /// and a served model's server always, as a server never exits by itself (so it needs Kubernetes ≥ 1.29).
    /// </summary>
    private List<V1Container> Sidecars(V1Container meter, RunPlan run)
    {
        List<V1Container> sidecars = options.UseNativeSidecar ? [AsNativeSidecar(meter)] : [];
        if (run.Model.Server is { Image: { } image } server)
        {
            sidecars.Add(AsNativeSidecar(new V1Container
            {
                Name = RunnerPod.ModelServerContainer,
                Image = image,
                ImagePullPolicy = options.ImagePullPolicy,
                Args = server.Args?.ToList(),
                Resources = GpuResources(run, computes: true, [], []),
                // Server images (vLLM, TGI) run as their own user and write caches: only what needs no cooperation is locked.
                SecurityContext = new V1SecurityContext
                {
                    AllowPrivilegeEscalation = false,
                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
            }));
        }

        return sidecars;
    }

    /// <summary>The target's GPUs go to the container that computes: the model server when there is one, else the runner.</summary>
    private static V1ResourceRequirements GpuResources(RunPlan run, bool computes, Dictionary<string, string> requests, Dictionary<string, string> limits)
    {
        var target = run.Hardware;
        if (target.Gpus > 0 && computes)
        {
            requests[target.GpuResource] = limits[target.GpuResource] = target.Gpus.ToString(CultureInfo.InvariantCulture);
        }

        return new V1ResourceRequirements { Requests = Quantities(requests), Limits = Quantities(limits) };
    }

    private V1Container RunnerContainer(EnergyBenchmark benchmark, RunPlan run)
    {
        var requests = new Dictionary<string, string>(options.RunnerRequests, StringComparer.Ordinal);
        var limits = new Dictionary<string, string>(options.RunnerLimits, StringComparer.Ordinal);

        return new V1Container
        {
            Name = RunnerPod.RunnerContainer,
            Image = options.RunnerImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Env =
            [
                Env(RunnerPod.BenchmarkEnv, BenchmarkJson(benchmark)),
                Env(RunnerPod.RunEnv, run.Name),
                Env(RunnerPod.MeterUrlEnv, $"http://127.0.0.1:{RunnerPod.MeterPort}"),
            ],
            Resources = GpuResources(run, computes: run.Model.Server?.Image is null, requests, limits),
            VolumeMounts =
            [
                Mount(RunnerPod.ResultsVolume, RunnerPod.ResultsMountPath),
                Mount(TmpVolume, "/tmp"),
            ],
            TerminationMessagePath = RunnerPod.TerminationMessagePath,
            TerminationMessagePolicy = "FallbackToLogsOnError",
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = NonRootUser,
                RunAsGroup = NonRootUser,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
        };
    }

    private V1Container MeterContainer(MeasurementSpec measurement, RunPlan run)
    {
        List<V1EnvVar> env =
        [
            // The window API is unauthenticated: loopback only. Probes and Prometheus reach the read-only port by the pod IP.
            Env("ENERGY_METER_LISTEN_URL", $"http://127.0.0.1:{RunnerPod.MeterPort}"),
            Env("ENERGY_METER_METRICS_LISTEN_URL", $"http://0.0.0.0:{RunnerPod.MeterMetricsPort}"),
            Env("ENERGY_METER_SOURCES", string.Join(",", measurement.Meters.Select(m => m.ToString().ToLowerInvariant()))),
            Env("ENERGY_METER_SAMPLE_INTERVAL", $"{measurement.SampleIntervalMs.ToString(CultureInfo.InvariantCulture)}ms"),
            Env("ENERGY_METER_WATTS_PER_CORE", measurement.EstimateWattsPerCore.ToString(CultureInfo.InvariantCulture)),
            Env("ENERGY_METER_POWERCAP_ROOT", RunnerPod.PowercapMountPath),
            Env("ENERGY_METER_RUN_NAME", run.Name),
            Env("ENERGY_METER_PROCESS_ID", "pod"),
            Env("ENERGY_METER_SUMMARY_PATH", $"{RunnerPod.ResultsMountPath}/{RunnerPod.MeterSummaryFile}"),
        ];
        if (run.Hardware.Gpus > 0 && options.MeterSeesAllNodeGpus)
        {
            // The device plugin hands the GPUs to the runner only; the NVIDIA runtime gives the meter NVML ("utility") and the
            // node's GPUs, which are the runner's on nodes that host one benchmark pod at a time. An admin's opt-in.
            env.Add(Env("NVIDIA_VISIBLE_DEVICES", "all"));
            env.Add(Env("NVIDIA_DRIVER_CAPABILITIES", "utility"));
        }

        return new V1Container
        {
            Name = RunnerPod.MeterContainer,
            Image = options.MeterImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Env = env,
            Resources = new V1ResourceRequirements { Requests = Quantities(options.MeterRequests), Limits = Quantities(options.MeterLimits) },
            Ports =
            [
                new V1ContainerPort { Name = "meter-api", ContainerPort = RunnerPod.MeterPort, Protocol = "TCP" },
                new V1ContainerPort { Name = "metrics", ContainerPort = RunnerPod.MeterMetricsPort, Protocol = "TCP" },
            ],
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/readyz", Port = RunnerPod.MeterMetricsPort }, PeriodSeconds = 2, FailureThreshold = 3 },
            VolumeMounts =
            [
                Mount(RunnerPod.ResultsVolume, RunnerPod.ResultsMountPath),
                Mount(RunnerPod.PowercapVolume, RunnerPod.PowercapMountPath, readOnly: true),
            ],
            TerminationMessagePath = RunnerPod.TerminationMessagePath,
            TerminationMessagePolicy = "FallbackToLogsOnError",
            SecurityContext = MeterSecurityContext(),
        };
    }

    private V1SecurityContext MeterSecurityContext() => options.MeterSecurity switch
    {
        MeterSecurityMode.Privileged => new V1SecurityContext { Privileged = true, RunAsUser = 0 },
        _ => new V1SecurityContext
        {
            RunAsUser = 0,
            RunAsNonRoot = false,
            ReadOnlyRootFilesystem = true,
            AllowPrivilegeEscalation = false,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
    };

    private static V1EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    private static V1VolumeMount Mount(string volume, string path, bool readOnly = false) =>
        new() { Name = volume, MountPath = path, ReadOnlyProperty = readOnly ? true : null };

    private static ResourceQuantity? Quantity(string? value) => value is null ? null : new ResourceQuantity(value);

    private static Dictionary<string, ResourceQuantity> Quantities(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(pair => pair.Key, pair => new ResourceQuantity(pair.Value), StringComparer.Ordinal);

    private static V1Toleration ToPodToleration(Toleration toleration) => new()
    {
        Key = toleration.Key,
        OperatorProperty = toleration.Operator,
        Value = toleration.Value,
        Effect = toleration.Effect,
        TolerationSeconds = toleration.TolerationSeconds,
    };

    /// <summary><c>restartPolicy: Always</c> on an init container makes it a native sidecar.</summary>
    private static V1Container AsNativeSidecar(V1Container container)
    {
        container.RestartPolicy = "Always";
        return container;
    }
}
