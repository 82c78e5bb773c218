using System.Globalization;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes;
using EnergyOperator.Operator.Benchmarks;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Serialization;
using EnergyOperator.Kubernetes.Testing;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;
using k8s;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

public sealed class RunPodBuilderTests
{
    private static V1Pod Build(EnergyBenchmark benchmark, BenchmarkOperatorOptions? options = null, int run = 0) =>
        new RunPodBuilder(options ?? Options()).Build(benchmark, Run(benchmark, run));

    private static string Env(V1Container container, string name) => container.Env!.Single(e => e.Name == name).Value!;

    [Fact]
    public void Build_Metadata_IsTheRunsNameLabelsAndControllingOwner()
    {
        var benchmark = Stored(Spec([8, 16]));

        var pod = Build(benchmark, run: 1);

        Assert.Equal("spam-tfidf-local-b16-r1", pod.Metadata.Name);
        Assert.Equal("bench", pod.Metadata.NamespaceProperty);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [RunnerPod.BenchmarkLabel] = "spam",
                [RunnerPod.RunLabel] = "spam-tfidf-local-b16-r1",
                [RunnerPod.ModelLabel] = "tfidf",
                [RunnerPod.HardwareLabel] = "local",
            },
            pod.Metadata.Labels);
        Assert.Equal("3", pod.Metadata.Annotations![RunPodBuilder.GenerationAnnotation]);
        var owner = Assert.Single(pod.Metadata.OwnerReferences!);
        Assert.Equal((EnergyBenchmark.ApiVersionValue, EnergyBenchmark.KindValue, "spam", benchmark.Metadata.Uid), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
        Assert.True(owner.Controller);
        Assert.True(owner.BlockOwnerDeletion);
        Assert.Equal("Never", pod.Spec!.RestartPolicy);
        Assert.Equal(900, pod.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Build_StampsTheRunsDigest_WhichIsTheRunsAloneAndOutlivesTheGeneration()
    {
        var benchmark = Stored(Spec([8, 16]));

        var pod = Build(benchmark);

        Assert.Equal(Run(benchmark).Digest(benchmark.Metadata.Uid!), pod.Metadata.Annotations![RunPodBuilder.RunDigestAnnotation]);
        Assert.Matches("^[0-9a-f]{64}$", pod.Metadata.Annotations[RunPodBuilder.RunDigestAnnotation]);
        Assert.True(RunPodBuilder.IsCreatedFor(pod, benchmark.Metadata.Uid!, Run(benchmark)));
        Assert.False(RunPodBuilder.IsCreatedFor(pod, benchmark.Metadata.Uid!, Run(benchmark, 1)));
        Assert.False(RunPodBuilder.IsCreatedFor(pod, "another-uid", Run(benchmark)));
        var nextGeneration = benchmark with { Metadata = benchmark.Metadata with { Generation = 4 } };
        Assert.True(RunPodBuilder.IsCreatedFor(pod, benchmark.Metadata.Uid!, Run(nextGeneration)));
    }

    [Fact]
    public void Digest_SameRunWithMapKeysReordered_IsTheSame_ButAnotherModelSpecIsNot()
    {
        var target = GpuTarget;
        target.NodeSelector = new Dictionary<string, string> { ["pool"] = "gpu", ["zone"] = "a" };
        var reordered = GpuTarget;
        reordered.NodeSelector = new Dictionary<string, string> { ["zone"] = "a", ["pool"] = "gpu" };
        var spec = Spec();
        spec.Hardware = [target];
        var run = Run(Stored(spec));

        Assert.Equal(run.Digest("uid"), (run with { Hardware = reordered }).Digest("uid"));
        Assert.NotEqual(run.Digest("uid"), (run with { Model = run.Model with { Classic = new ClassicModelSpec { Epochs = 9 } } }).Digest("uid"));
    }

    [Fact]
    public void IsCreatedFor_APodOfAGridRunBuiltForAnotherWorkload_IsFalse()
    {
        var spec = Spec();
        spec.Models = [new ModelSpec { Name = "gpt2", Generative = new GenerativeModelSpec { Path = "/models/gpt2" } }];
        spec.Workload = new WorkloadSpec { InputTokens = [32], OutputTokens = [8] };
        var benchmark = Stored(spec);
        var pod = Build(benchmark);

        // Only the workload changed: the pod measured the old grid, so its result is not the run's.
        var changed = spec with { Workload = new WorkloadSpec { InputTokens = [32, 64], OutputTokens = [8] } };
        Assert.True(RunPodBuilder.IsCreatedFor(pod, benchmark.Metadata.Uid!, Run(benchmark)));
        Assert.False(RunPodBuilder.IsCreatedFor(pod, benchmark.Metadata.Uid!, Run(benchmark with { Spec = changed })));
    }

    [Fact]
    public void IsCreatedFor_PodWithoutTheAnnotation_IsFalse()
    {
        var benchmark = Stored(Spec());
        var pod = Build(benchmark);
        pod.Metadata.Annotations = new Dictionary<string, string> { [RunPodBuilder.GenerationAnnotation] = "3" };

        Assert.False(RunPodBuilder.IsCreatedFor(pod, benchmark.Metadata.Uid!, Run(benchmark)));
    }

    [Fact]
    public void Build_NativeSidecar_MeterIsARestartableInitContainerWithReadiness()
    {
        var pod = Build(Stored(Spec()));

        var meter = Assert.Single(pod.Spec!.InitContainers!);
        Assert.Equal(RunnerPod.MeterContainer, meter.Name);
        Assert.Equal("Always", meter.RestartPolicy);
        Assert.Equal("/readyz", meter.ReadinessProbe!.HttpGet!.Path);
        Assert.Equal(RunnerPod.MeterMetricsPort.ToString(CultureInfo.InvariantCulture), meter.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(RunnerPod.RunnerContainer, Assert.Single(pod.Spec.Containers).Name);
    }

    [Fact]
    public void Build_ClassicSidecar_MeterIsASecondContainer()
    {
        var options = Options();
        options.UseNativeSidecar = false;

        var pod = Build(Stored(Spec()), options);

        Assert.Null(pod.Spec!.InitContainers);
        Assert.Equal([RunnerPod.RunnerContainer, RunnerPod.MeterContainer], pod.Spec.Containers.Select(c => c.Name));
        Assert.Null(pod.Spec.Containers[1].RestartPolicy);
        Assert.NotNull(pod.Spec.Containers[1].ReadinessProbe);
    }

    [Fact]
    public void Build_RunnerEnvironment_CarriesNameAndSpecThatRoundTrip()
    {
        var benchmark = Stored(Spec([8, 16], repetitions: 2)) with { Status = new EnergyBenchmarkStatus { Phase = "Running" } };

        var runner = Build(benchmark, run: 3).Spec!.Containers.Single(c => c.Name == RunnerPod.RunnerContainer);

        var carried = JsonSerializer.Deserialize(Env(runner, RunnerPod.BenchmarkEnv), ContractsJsonContext.Strict.GetTypeInfo(typeof(EnergyBenchmark)))!;
        var parsed = Assert.IsType<EnergyBenchmark>(carried);
        Assert.Equal("spam", parsed.Metadata.Name);
        Assert.Null(parsed.Metadata.Uid);
        Assert.Null(parsed.Status);
        Assert.Equal(
            JsonSerializer.Serialize(benchmark.Spec, ContractsJsonContext.Default.EnergyBenchmarkSpec),
            JsonSerializer.Serialize(parsed.Spec, ContractsJsonContext.Default.EnergyBenchmarkSpec));
        Assert.DoesNotContain('\n', Env(runner, RunnerPod.BenchmarkEnv));
        Assert.Equal("spam-tfidf-local-b16-r2", Env(runner, RunnerPod.RunEnv));
        Assert.Contains(RunPlanner.Expand(parsed), r => r.Name == Env(runner, RunnerPod.RunEnv));
        Assert.Equal("http://127.0.0.1:9464", Env(runner, RunnerPod.MeterUrlEnv));
        Assert.Equal("FallbackToLogsOnError", runner.TerminationMessagePolicy);
        Assert.Contains(runner.VolumeMounts!, m => m.Name == RunnerPod.ResultsVolume && m.MountPath == RunnerPod.ResultsMountPath);
    }

    [Fact]
    public void Build_MeterEnvironment_ComesFromTheMeasurementSpec()
    {
        var spec = Spec();
        spec.Measurement = new MeasurementSpec { Meters = [MeterKind.Nvml, MeterKind.Rapl], SampleIntervalMs = 250, EstimateWattsPerCore = 7.5 };

        var pod = Build(Stored(spec));
        var meter = pod.Spec!.InitContainers!.Single();

        Assert.Equal("nvml,rapl", Env(meter, "ENERGY_METER_SOURCES"));
        // The estimate (where no sensor exists) meters the runner's processes, which the meter sees through the shared PID namespace.
        Assert.Equal("pod", Env(meter, "ENERGY_METER_PROCESS_ID"));
        Assert.True(pod.Spec.ShareProcessNamespace);
        Assert.Equal("250ms", Env(meter, "ENERGY_METER_SAMPLE_INTERVAL"));
        Assert.Equal("7.5", Env(meter, "ENERGY_METER_WATTS_PER_CORE"));
        Assert.Equal(RunnerPod.PowercapMountPath, Env(meter, "ENERGY_METER_POWERCAP_ROOT"));
        Assert.Equal("spam-tfidf-local-b8-r1", Env(meter, "ENERGY_METER_RUN_NAME"));
        Assert.Equal("/var/run/energy/meter-summary.json", Env(meter, "ENERGY_METER_SUMMARY_PATH"));
        Assert.DoesNotContain(meter.Env!, e => e.Name == "NVIDIA_VISIBLE_DEVICES");
    }

    [Fact]
    public void Build_Volumes_SizedEmptyDirsAndOnlyThePowercapTreeReadOnlyForTheMeter()
    {
        var pod = Build(Stored(Spec()));

        var volumes = pod.Spec!.Volumes!.ToDictionary(v => v.Name);
        Assert.Equal("64Mi", volumes[RunnerPod.ResultsVolume].EmptyDir!.SizeLimit!.ToString());
        Assert.Equal("20Gi", volumes["tmp"].EmptyDir!.SizeLimit!.ToString());
        Assert.Equal("/sys/devices/virtual/powercap", volumes[RunnerPod.PowercapVolume].HostPath!.Path);
        var hostMount = pod.Spec.InitContainers!.Single().VolumeMounts!.Single(m => m.Name == RunnerPod.PowercapVolume);
        Assert.True(hostMount.ReadOnlyProperty);
        Assert.Equal(RunnerPod.PowercapMountPath, hostMount.MountPath);
        Assert.DoesNotContain(pod.Spec.Containers.Single().VolumeMounts!, m => m.Name == RunnerPod.PowercapVolume);
    }

    [Fact]
    public void Build_GpuTarget_RequestsGpusForTheRunnerAndPlacesThePodOnItsPool()
    {
        var spec = Spec();
        spec.Hardware = [GpuTarget];

        var pod = Build(Stored(spec));

        var runner = pod.Spec!.Containers.Single();
        Assert.Equal("2", runner.Resources!.Limits!["nvidia.com/gpu"].ToString());
        Assert.Equal("2", runner.Resources.Requests!["nvidia.com/gpu"].ToString());
        Assert.Equal(new Dictionary<string, string> { ["pool"] = "gpu" }, pod.Spec.NodeSelector);
        Assert.Equal("nvidia.com/gpu", Assert.Single(pod.Spec.Tolerations!).Key);
        var meter = pod.Spec.InitContainers!.Single();
        Assert.DoesNotContain(meter.Resources!.Limits!.Keys, key => key.Contains("gpu", StringComparison.Ordinal));
        // The device plugin gave the GPUs to the runner: the meter gets none unless the admin opts in.
        Assert.DoesNotContain(meter.Env!, e => e.Name == "NVIDIA_VISIBLE_DEVICES");
    }

    [Fact]
    public void Build_ServedModelWithAnImage_RunsItAsARestartableSidecarWithTheGpus()
    {
        var spec = Spec();
        spec.Hardware = [GpuTarget];
        spec.Models = [new ModelSpec { Name = "served", Server = new ServerModelSpec { Url = "http://127.0.0.1:8000", Model = "m", Image = "vllm/vllm-openai:v0.9.0", Args = ["--port", "8000"], ZeroShot = new ZeroShotSpec { PromptTemplate = "{text}" } } }];

        var pod = Build(Stored(spec));

        var server = pod.Spec!.InitContainers!.Single(c => c.Name == RunnerPod.ModelServerContainer);
        Assert.Equal("vllm/vllm-openai:v0.9.0", server.Image);
        Assert.Equal(["--port", "8000"], server.Args);
        Assert.Equal("Always", server.RestartPolicy);
        Assert.Equal("2", server.Resources!.Limits!["nvidia.com/gpu"]);
        Assert.False(server.SecurityContext!.AllowPrivilegeEscalation);
        var runner = pod.Spec.Containers.Single();
        Assert.DoesNotContain(runner.Resources!.Limits!.Keys, key => key.Contains("gpu", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_GpuTargetWithMeterSeesAllNodeGpus_GivesTheMeterNvml()
    {
        var spec = Spec();
        spec.Hardware = [GpuTarget];
        var options = Options();
        options.MeterSeesAllNodeGpus = true;

        var meter = Build(Stored(spec), options).Spec!.InitContainers!.Single();

        Assert.Equal("all", Env(meter, "NVIDIA_VISIBLE_DEVICES"));
        Assert.Equal("utility", Env(meter, "NVIDIA_DRIVER_CAPABILITIES"));
    }

    [Fact]
    public void Build_TargetWithoutPlacementOrGpus_UsesTheOperatorDefaultsAndDefaultResources()
    {
        var pod = Build(Stored(Spec()));

        Assert.Equal(new Dictionary<string, string> { ["pool"] = "bench" }, pod.Spec!.NodeSelector);
        Assert.Equal("bench", Assert.Single(pod.Spec.Tolerations!).Key);
        var runner = pod.Spec.Containers.Single().Resources!;
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "1Gi" }, Strings(runner.Requests));
        Assert.Equal(new Dictionary<string, string> { ["memory"] = "8Gi" }, Strings(runner.Limits));
        Assert.Equal("256Mi", pod.Spec.InitContainers!.Single().Resources!.Limits!["memory"].ToString());
    }

    [Fact]
    public void Build_Defaults_NoPrivilegedContainerNoTokenNoWritableHostPath()
    {
        var pod = Build(Stored(Spec()), new BenchmarkOperatorOptions { RunnerImage = "runner:1", MeterImage = "meter:1" });

        Assert.False(pod.Spec!.AutomountServiceAccountToken);
        Assert.All(pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []), container =>
        {
            var security = container.SecurityContext!;
            Assert.NotEqual(true, security.Privileged);
            Assert.False(security.AllowPrivilegeEscalation);
            Assert.True(security.ReadOnlyRootFilesystem);
            Assert.Equal(["ALL"], security.Capabilities!.Drop!);
            Assert.Null(security.Capabilities.Add);
            Assert.Equal("RuntimeDefault", security.SeccompProfile!.Type);
            Assert.NotNull(container.Resources?.Limits);
            Assert.DoesNotContain(container.Env ?? [], e => e is { Name: "NVIDIA_VISIBLE_DEVICES", Value: "all" });
        });
        var hostPaths = pod.Spec.Volumes!.Where(v => v.HostPath is not null).Select(v => v.Name).ToHashSet();
        Assert.All(pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).SelectMany(c => c.VolumeMounts ?? []).Where(m => hostPaths.Contains(m.Name)),
            mount => Assert.True(mount.ReadOnlyProperty));
        Assert.All(pod.Spec.Volumes!.Where(v => v.EmptyDir is not null), v => Assert.NotNull(v.EmptyDir!.SizeLimit));
    }

    [Fact]
    public void Build_PrivilegedMode_MeterPrivilegedOnlyWhenAsked()
    {
        var options = Options();
        options.MeterSecurity = MeterSecurityMode.Privileged;
        var pod = Build(Stored(Spec()), options);

        var runner = pod.Spec!.Containers.Single().SecurityContext!;
        Assert.True(runner.RunAsNonRoot);
        Assert.True(runner.ReadOnlyRootFilesystem);
        Assert.False(runner.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], runner.Capabilities!.Drop!);
        var meter = pod.Spec.InitContainers!.Single().SecurityContext!;
        Assert.True(meter.Privileged);
        Assert.Equal(0, meter.RunAsUser);
    }

    [Fact]
    public void Build_CapabilitiesMode_MeterIsRootWithEveryCapabilityDropped()
    {
        var options = Options();
        options.MeterSecurity = MeterSecurityMode.Capabilities;

        var meter = Build(Stored(Spec()), options).Spec!.InitContainers!.Single().SecurityContext!;

        Assert.Null(meter.Privileged);
        Assert.Equal(0, meter.RunAsUser);
        Assert.False(meter.AllowPrivilegeEscalation);
        Assert.True(meter.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], meter.Capabilities!.Drop!);
        Assert.Null(meter.Capabilities.Add);
    }

    [Fact]
    public void Build_SameInput_GivesTheSameJson()
    {
        var spec = Spec([8, 16]);
        spec.Hardware = [GpuTarget];

        var first = KubernetesJson.Serialize(Build(Stored(spec), run: 1));
        var second = KubernetesJson.Serialize(Build(Stored(spec), run: 1));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Build_PodStoredByTheApiServer_ReadsBackUnchanged()
    {
        await using var server = await ApiServerDouble.StartAsync();
        using var client = new KubernetesClient(server.ClientConfiguration("bench"));
        var spec = Spec();
        spec.Hardware = [GpuTarget];
        var pod = Build(Stored(spec));

        var stored = await client.Namespaced(KubernetesResources.Pods, "bench").CreateAsync(pod);

        Assert.Equal(
            KubernetesJson.Serialize(pod.Spec),
            KubernetesJson.Serialize(stored.Spec));
        var raw = server.Store.Get(server.KindOf(KubernetesResources.Pods), "bench", pod.Metadata.Name!)!.ToJsonString();
        Assert.Contains("\"containerPort\":9464", raw);
        Assert.Contains("\"hostPath\":{\"path\":\"/sys/devices/virtual/powercap\",\"type\":\"Directory\"}", raw);
    }

    [Fact]
    public void Build_BenchmarkWithoutUid_SaysToReadItFromTheApiServer()
    {
        var benchmark = Stored(Spec());
        benchmark.Metadata = benchmark.Metadata with { Uid = null };

        var error = Assert.Throws<ArgumentException>(() => Build(benchmark));

        Assert.Contains("metadata.uid", error.Message);
    }

    [Theory]
    [InlineData("", "energy-meter", "RunnerImage")]
    [InlineData("runner:1", " ", "MeterImage")]
    public void Validate_MissingImage_NamesTheOption(string runner, string meter, string option)
    {
        var options = new BenchmarkOperatorOptions { RunnerImage = runner, MeterImage = meter };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(option, error.Message);
    }

    [Fact]
    public void Validate_UnknownPullPolicy_ListsTheValidOnes()
    {
        var options = Options();
        options.ImagePullPolicy = "Sometimes";

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Always, IfNotPresent, Never", error.Message);
    }

    private static Dictionary<string, string> Strings(IDictionary<string, ResourceQuantity>? quantities) =>
        quantities?.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()) ?? [];
}
