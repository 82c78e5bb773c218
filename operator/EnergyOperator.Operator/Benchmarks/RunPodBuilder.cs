using System.Globalization;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Models;
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

    public Pod Build(EnergyBenchmark benchmark, RunPlan run)
    {
        var metadata = benchmark.Metadata;
        var uid = metadata.Uid ?? throw new ArgumentException($"EnergyBenchmark '{metadata.Name}' has no metadata.uid: read it from the API server.", nameof(benchmark));
        var target = run.Hardware;
        var meter = MeterContainer(benchmark.Spec.Measurement, run);
        return new Pod
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
            Spec = new PodSpec
            {
                RestartPolicy = "Never",
                // Without a sensor the meter estimates from CPU time, and must see the runner's processes for that.
                ShareProcessNamespace = true,
                ActiveDeadlineSeconds = benchmark.Spec.Runtime.TimeoutSeconds,
                ServiceAccountName = options.RunnerServiceAccount,
                // Neither container talks to the API server: no token to steal from a benchmark's code.
                AutomountServiceAccountToken = false,
                NodeSelector = target.NodeSelector ?? options.DefaultNodeSelector,
                Tolerations = target.Tolerations ?? options.DefaultTolerations,
                InitContainers = options.UseNativeSidecar ? [meter with { RestartPolicy = "Always" }] : null,
                Containers = options.UseNativeSidecar ? [RunnerContainer(benchmark, run)] : [RunnerContainer(benchmark, run), meter],
                Volumes =
                [
                    new Volume(RunnerPod.ResultsVolume) { EmptyDir = new EmptyDirVolumeSource { SizeLimit = options.ResultsSizeLimit } },
                    new Volume(TmpVolume) { EmptyDir = new EmptyDirVolumeSource { SizeLimit = options.TmpSizeLimit } },
                    new Volume(RunnerPod.PowercapVolume) { HostPath = new HostPathVolumeSource(RunnerPod.HostPowercapPath) { Type = "Directory" } },
                ],
            },
        };
    }

    /// <summary>Whether <paramref name="pod"/> carries the digest <see cref="Build"/> stamps for this benchmark's <paramref name="run"/>.</summary>
    public static bool IsCreatedFor(Pod pod, string benchmarkUid, RunPlan run) =>
        pod.Metadata.Annotations?.TryGetValue(RunDigestAnnotation, out var digest) == true
        && string.Equals(digest, run.Digest(benchmarkUid), StringComparison.Ordinal);

    /// <summary>What <see cref="RunnerPod.BenchmarkEnv"/> carries: the name and spec only, compact.</summary>
    public static string BenchmarkJson(EnergyBenchmark benchmark)
    {
        var carried = new EnergyBenchmark { Metadata = new V1ObjectMeta { Name = benchmark.Metadata.Name }, Spec = benchmark.Spec };
        return JsonSerializer.SerializeToNode(carried, ContractsJsonContext.Default.EnergyBenchmark)!.ToJsonString();
    }

    private Container RunnerContainer(EnergyBenchmark benchmark, RunPlan run)
    {
        var target = run.Hardware;
        var requests = new Dictionary<string, string>(options.RunnerRequests, StringComparer.Ordinal);
        var limits = new Dictionary<string, string>(options.RunnerLimits, StringComparer.Ordinal);
        if (target.Gpus > 0)
        {
            requests[target.GpuResource] = limits[target.GpuResource] = target.Gpus.ToString(CultureInfo.InvariantCulture);
        }

        return new Container
        {
            Name = RunnerPod.RunnerContainer,
            Image = options.RunnerImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Env =
            [
                new EnvVar(RunnerPod.BenchmarkEnv, BenchmarkJson(benchmark)),
                new EnvVar(RunnerPod.RunEnv, run.Name),
                new EnvVar(RunnerPod.MeterUrlEnv, $"http://127.0.0.1:{RunnerPod.MeterPort}"),
            ],
            Resources = new ResourceRequirements { Requests = requests, Limits = limits },
            VolumeMounts =
            [
                new VolumeMount(RunnerPod.ResultsVolume, RunnerPod.ResultsMountPath),
                new VolumeMount(TmpVolume, "/tmp"),
            ],
            TerminationMessagePath = RunnerPod.TerminationMessagePath,
            TerminationMessagePolicy = "FallbackToLogsOnError",
            SecurityContext = new SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = NonRootUser,
                RunAsGroup = NonRootUser,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Capabilities = new Capabilities { Drop = ["ALL"] },
                SeccompProfile = new SeccompProfile("RuntimeDefault"),
            },
        };
    }

    private Container MeterContainer(MeasurementSpec measurement, RunPlan run)
    {
        List<EnvVar> env =
        [
            // The window API is unauthenticated: loopback only. Probes and Prometheus reach the read-only port by the pod IP.
            new("ENERGY_METER_LISTEN_URL", $"http://127.0.0.1:{RunnerPod.MeterPort}"),
            new("ENERGY_METER_METRICS_LISTEN_URL", $"http://0.0.0.0:{RunnerPod.MeterMetricsPort}"),
            new("ENERGY_METER_SOURCES", string.Join(",", measurement.Meters.Select(m => m.ToString().ToLowerInvariant()))),
            new("ENERGY_METER_SAMPLE_INTERVAL", $"{measurement.SampleIntervalMs.ToString(CultureInfo.InvariantCulture)}ms"),
            new("ENERGY_METER_WATTS_PER_CORE", measurement.EstimateWattsPerCore.ToString(CultureInfo.InvariantCulture)),
            new("ENERGY_METER_POWERCAP_ROOT", RunnerPod.PowercapMountPath),
            new("ENERGY_METER_RUN_NAME", run.Name),
            new("ENERGY_METER_PROCESS_ID", "pod"),
            new("ENERGY_METER_SUMMARY_PATH", $"{RunnerPod.ResultsMountPath}/{RunnerPod.MeterSummaryFile}"),
        ];
        if (run.Hardware.Gpus > 0 && options.MeterSeesAllNodeGpus)
        {
            // The device plugin hands the GPUs to the runner only; the NVIDIA runtime gives the meter NVML ("utility") and the
            // node's GPUs, which are the runner's on nodes that host one benchmark pod at a time. An admin's opt-in.
            env.Add(new("NVIDIA_VISIBLE_DEVICES", "all"));
            env.Add(new("NVIDIA_DRIVER_CAPABILITIES", "utility"));
        }

        return new Container
        {
            Name = RunnerPod.MeterContainer,
            Image = options.MeterImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Env = env,
            Resources = new ResourceRequirements { Requests = options.MeterRequests, Limits = options.MeterLimits },
            Ports =
            [
                new ContainerPort("meter-api", RunnerPod.MeterPort) { Protocol = "TCP" },
                new ContainerPort("metrics", RunnerPod.MeterMetricsPort) { Protocol = "TCP" },
            ],
            ReadinessProbe = new Probe { HttpGet = new HttpGetAction("/readyz", RunnerPod.MeterMetricsPort), PeriodSeconds = 2, FailureThreshold = 3 },
            VolumeMounts =
            [
                new VolumeMount(RunnerPod.ResultsVolume, RunnerPod.ResultsMountPath),
                new VolumeMount(RunnerPod.PowercapVolume, RunnerPod.PowercapMountPath) { ReadOnly = true },
            ],
            TerminationMessagePath = RunnerPod.TerminationMessagePath,
            TerminationMessagePolicy = "FallbackToLogsOnError",
            SecurityContext = MeterSecurityContext(),
        };
    }

    private SecurityContext MeterSecurityContext() => options.MeterSecurity switch
    {
        MeterSecurityMode.Privileged => new SecurityContext { Privileged = true, RunAsUser = 0 },
        _ => new SecurityContext
        {
            RunAsUser = 0,
            RunAsNonRoot = false,
            ReadOnlyRootFilesystem = true,
            AllowPrivilegeEscalation = false,
            Capabilities = new Capabilities { Drop = ["ALL"] },
            SeccompProfile = new SeccompProfile("RuntimeDefault"),
        },
    };
}
