using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Kubernetes.Testing;
using EnergyOperator.Kubernetes.Testing.Faults;
using EnergyOperator.Kubernetes;
using EnergyOperator.Testing;
using k8s;
using k8s.Models;

// operator-bench [LATENCY_SAMPLES] [BULK_BENCHMARKS] [OPERATOR_QPS] [CHAOS_SEED]
// Starts the API server double and the real energy-operator process, then measures
//   1. latency: EnergyBenchmark created → its first runner pod created, one benchmark at a time; the reference is the
//      double's own create round trip for a pod (the floor any controller's reaction sits on);
//   2. bulk: BULK_BENCHMARKS benchmarks created at once → time until every one has its pod; operator RSS and CPU time.
// With CHAOS_SEED, the double fails the operator's requests as the chaos test does (5 % 500, 5 % 429 Retry-After 1 s,
// 10 % 409 on status writes, 20 % 410 on watch resume, watches reset after 1–3 s), and only the latency is measured,
// creating benchmarks and observing pods in the store directly, so that the faults reach the operator alone. CHAOS_SEED 0
// measures the same way without faults, as the baseline.
var latencySamples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var bulk = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var qps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
int? chaosSeed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : null;

await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions { HistoryCapacity = 20_000 });
if (chaosSeed is { } seed and > 0)
{
    server.Faults.Chaos = ChaosOptions.Standard(seed);
}

var client = new KubernetesClient(server.ClientConfiguration(), new KubernetesClientOptions { Qps = 10_000, Burst = 10_000 });
var work = Directory.CreateTempSubdirectory("operator-bench-");
var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "energy-operator.dll")]) { RedirectStandardOutput = true, RedirectStandardError = true };
start.Environment["KUBECONFIG"] = await server.WriteKubeConfigAsync(Path.Combine(work.FullName, "kubeconfig"));
start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
start.Environment["POD_NAMESPACE"] = "default";
start.Environment["EnergyOperator__RunnerImage"] = "energy-runner:bench";
start.Environment["EnergyOperator__MeterImage"] = "energy-meter:bench";
start.Environment["Logging__LogLevel__Default"] = "Warning";
start.Environment["Kubernetes__Qps"] = qps.ToString(CultureInfo.InvariantCulture);
start.Environment["Kubernetes__Burst"] = (qps * 3 / 2).ToString(CultureInfo.InvariantCulture);
using var operatorProcess = Process.Start(start)!;
operatorProcess.OutputDataReceived += (_, _) => { };
operatorProcess.ErrorDataReceived += (_, _) => { };
operatorProcess.BeginOutputReadLine();
operatorProcess.BeginErrorReadLine();

// Pod arrivals, observed through a watch as any client would see them.
var podSeen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
using var stop = new CancellationTokenSource();
var pods = client.Namespaced(KubernetesResources.Pods, "default");
var watching = chaosSeed is not null ? Task.CompletedTask : Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            await foreach (var change in pods.WatchAsync(new WatchOptions(ResourceVersion: "0", TimeoutSeconds: 290), stop.Token))
            {
                if (change is { Type: WatchEventType.Added, IsReadable: true })
                {
                    podSeen.TryAdd(change.Object.Metadata.Name!, Stopwatch.GetTimestamp());
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }
});

var benchmarks = client.Namespaced(KubernetesResources.EnergyBenchmarks, "default");
if (chaosSeed is not null)
{
    await ChaosLatencyAsync();
    return 0;
}

await WaitForFirstPodAsync("warmup");

var latencies = new List<double>();
for (var i = 0; i < latencySamples; i++)
{
    latencies.Add(await WaitForFirstPodAsync($"lat-{i}"));
}

var reference = new List<double>();
var watchDelivery = new List<double>();
for (var i = 0; i < latencySamples; i++)
{
    var started = Stopwatch.GetTimestamp();
    await pods.CreateAsync(new V1Pod { Metadata = new() { Name = $"ref-{i}", NamespaceProperty = "default" }, Spec = new() { Containers = [new() { Name = "c", Image = "x" }] } }, CancellationToken.None);
    reference.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    while (!podSeen.ContainsKey($"ref-{i}"))
    {
        await Task.Delay(1);
    }

    watchDelivery.Add(Stopwatch.GetElapsedTime(started, podSeen[$"ref-{i}"]).TotalMilliseconds);
}

var cpuBefore = operatorProcess.TotalProcessorTime;
var bulkStarted = Stopwatch.GetTimestamp();
await Parallel.ForAsync(0, bulk, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) => await benchmarks.CreateAsync(Benchmark($"bulk-{i}"), token));
var created = Stopwatch.GetElapsedTime(bulkStarted).TotalSeconds;
while (Enumerable.Range(0, bulk).Any(i => !podSeen.ContainsKey(PodName($"bulk-{i}"))))
{
    await Task.Delay(20);
}

var allPods = Stopwatch.GetElapsedTime(bulkStarted).TotalSeconds;
operatorProcess.Refresh();
var cpu = (operatorProcess.TotalProcessorTime - cpuBefore).TotalSeconds;
var (rss, peakRss) = Memory(operatorProcess.Id);

await stop.CancelAsync();
operatorProcess.Kill();
await operatorProcess.WaitForExitAsync();
await watching;
work.Delete(recursive: true);

latencies.Sort();
reference.Sort();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; API server double in-process, operator as a separate process, client limit {qps} QPS / burst {qps * 3 / 2}");
Console.WriteLine($"CR → first pod created, {latencySamples} benchmarks one at a time: p50 {P(latencies, 50):F1} ms, p90 {P(latencies, 90):F1} ms, p99 {P(latencies, 99):F1} ms");
watchDelivery.Sort();
Console.WriteLine($"reference, one pod POST round trip on the double: p50 {P(reference, 50):F2} ms; POST → seen by a watch: p50 {P(watchDelivery, 50):F1} ms; ratio of p50s (operator / POST) {P(latencies, 50) / P(reference, 50):F1}×");
Console.WriteLine($"{bulk} benchmarks created in {created:F2} s (16 concurrent clients); every runner pod created after {allPods:F2} s ({bulk / allPods:F0} benchmarks/s)");
Console.WriteLine($"operator: {cpu:F2} s CPU for the bulk phase; RSS {rss / 1024.0:F0} MiB now, peak {peakRss / 1024.0:F0} MiB");
return 0;

async Task ChaosLatencyAsync()
{
    var samples = new List<double>();
    for (var i = -1; i < latencySamples; i++)
    {
        var name = $"chaos-{i + 1}";
        var started = Stopwatch.GetTimestamp();
        server.Create(KubernetesResources.EnergyBenchmarks, Benchmark(name));
        while (server.Get(KubernetesResources.Pods, "default", PodName(name)) is null)
        {
            await Task.Delay(1);
        }

        // The first one includes the operator's start; it is a warm-up.
        if (i >= 0)
        {
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    operatorProcess.Refresh();
    var (rss, peakRss) = Memory(operatorProcess.Id);
    await stop.CancelAsync();
    operatorProcess.Kill();
    await operatorProcess.WaitForExitAsync();
    work.Delete(recursive: true);
    samples.Sort();
    Console.WriteLine($"chaos seed {chaosSeed}, client limit {qps} QPS: CR → first pod created, {latencySamples} benchmarks one at a time: p50 {P(samples, 50):F1} ms, p90 {P(samples, 90):F1} ms, p99 {P(samples, 99):F1} ms, max {samples[^1]:F1} ms");
    Console.WriteLine($"operator: RSS {rss / 1024.0:F0} MiB now, peak {peakRss / 1024.0:F0} MiB");
}

async Task<double> WaitForFirstPodAsync(string name)
{
    var started = Stopwatch.GetTimestamp();
    await benchmarks.CreateAsync(Benchmark(name), CancellationToken.None);
    while (!podSeen.TryGetValue(PodName(name), out _))
    {
        await Task.Delay(1);
    }

    return Stopwatch.GetElapsedTime(started, podSeen[PodName(name)]).TotalMilliseconds;
}

static EnergyBenchmark Benchmark(string name) => new()
{
    Metadata = new() { Name = name, NamespaceProperty = "default" },
    Spec = new() { Dataset = new() { Builtin = BuiltinDatasets.SpamAssassin }, Models = [new() { Name = "lr", Classic = new() }], Runtime = new() { BatchSizes = [1] } },
};

static string PodName(string benchmark) => $"{benchmark}-lr-local-b1-r1";

static double P(List<double> sorted, int percentile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

static (long RssKiB, long PeakKiB) Memory(int pid)
{
    long Read(string key) => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();
    return (Read("VmRSS:"), Read("VmHWM:"));
}

