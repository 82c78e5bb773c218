using EnergyOperator.Cli.Commands.Cluster;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Kubernetes.Errors;
using EnergyOperator.Kubernetes.Resources;
using k8s;

namespace EnergyOperator.Cli.Commands.Submit;

/// <summary>
/// Follows one benchmark until the operator settles it for the current generation: <c>Complete=True</c> (every run finished) or
/// <c>Invalid=True</c>. Watches from the last resourceVersion seen, so no change is missed between reads; when a watch breaks
/// (expired history, dropped connection, server error) it re-reads the object and watches again from there.
/// </summary>
internal sealed class BenchmarkWaiter(ResourceClient<EnergyBenchmark> benchmarks, TextWriter progress, TimeProvider time)
{
    // The API server ends a watch after at most this long anyway; a new one resumes where it stopped.
    private const int WatchTimeoutSeconds = 300;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The last progress line written, e.g. <c>Running, 3/8 runs done</c>.</summary>
    public string LastProgress { get; private set; } = "not read yet";

    /// <returns>The settled benchmark, or null when it was deleted before it settled.</returns>
    public async Task<EnergyBenchmark?> WaitAsync(string name, long? generation, CancellationToken cancellationToken)
    {
        var current = await benchmarks.GetAsync(name, cancellationToken);
        Report(current);
        var version = current.Metadata.ResourceVersion;
        while (!IsSettled(current, generation))
        {
            try
            {
                var watch = new WatchOptions(version, WatchTimeoutSeconds, AllowBookmarks: true, FieldSelector: $"metadata.name={name}");
                await foreach (var change in benchmarks.WatchAsync(watch, cancellationToken))
                {
                    version = (change.IsReadable ? change.Object.Metadata : change.Unreadable.Metadata).ResourceVersion;
                    if (change.Type == WatchEventType.Deleted)
                    {
                        return null;
                    }

                    if (change.Type == WatchEventType.Bookmark)
                    {
                        continue;
                    }

                    if (!change.IsReadable)
                    {
                        throw new InvalidDataException($"EnergyBenchmark {name} cannot be read: {change.Unreadable.Error}");
                    }

                    current = change.Object;
                    Report(current);
                    if (IsSettled(current, generation))
                    {
                        return current;
                    }
                }
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay, time, cancellationToken);
                current = await benchmarks.GetAsync(name, cancellationToken);
                version = current.Metadata.ResourceVersion;
                Report(current);
            }
        }

        return current;
    }

    private static bool IsSettled(EnergyBenchmark benchmark, long? generation) =>
        BenchmarkState.IsObserved(benchmark, generation)
        && (BenchmarkState.IsTrue(benchmark, BenchmarkConditions.Complete) || BenchmarkState.IsTrue(benchmark, BenchmarkConditions.Invalid));

    /// <summary>Authentication, RBAC and a missing CRD do not heal by retrying: those end the wait.</summary>
    private static bool IsTransient(Exception e) => e switch
    {
        KubernetesApiException api => api.IsGone || (int)api.StatusCode >= 500 || (int)api.StatusCode == 429,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    private void Report(EnergyBenchmark benchmark)
    {
        var line = BenchmarkState.Progress(benchmark);
        if (line != LastProgress)
        {
            LastProgress = line;
            progress.WriteLine($"{benchmark.Metadata.Name}: {line}");
        }
    }
}
