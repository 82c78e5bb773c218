using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Controllers.Events;
using EnergyOperator.Controllers.Informers;
using EnergyOperator.Kubernetes.Resources;
using k8s.Models;

namespace EnergyOperator.Controllers.Tests;

public sealed class UnreadableObjectReporterTests : ApiServerTest
{
    [Fact]
    public async Task RunAsync_UnreadableObject_RecordsABoundedWarningEventAndMarksItsStatus()
    {
        var owner = Server.Create(KubernetesResources.EnergyBenchmarks, Benchmark("bad"));
        var marked = new List<(string?, string)>();
        var reporter = new UnreadableObjectReporter(
            new EventRecorder(Client), EnergyBenchmark.ApiVersionValue, EnergyBenchmark.KindValue,
            (unreadable, message, _) =>
            {
                marked.Add((unreadable.Metadata.Name, message));
                return Task.CompletedTask;
            });
        using var stop = new CancellationTokenSource();
        var run = reporter.RunAsync(stop.Token);

        reporter.Enqueue(new UnreadableObject(
            new V1ObjectMeta { Name = "bad", NamespaceProperty = "default", Uid = owner.Metadata.Uid },
            "The JSON value could not be converted to System.Int32. Path: $.spec.dataset.seed" + new string('x', 5000)));
        await WaitUntilAsync(() => marked.Count == 1, "the status was marked");
        await stop.CancelAsync();
        await run.WaitAsync(Guard);

        var recorded = Assert.Single(Server.List(KubernetesResources.Events, "default"));
        Assert.Equal(("Warning", UnreadableObjectReporter.Reason, "bad", owner.Metadata.Uid), (recorded.Type, recorded.Reason, recorded.InvolvedObject.Name, recorded.InvolvedObject.Uid));
        Assert.Contains("$.spec.dataset.seed", recorded.Message, StringComparison.Ordinal);
        Assert.Equal(UnreadableObjectReporter.MaxMessageLength, recorded.Message!.Length);
        Assert.Equal(("bad", recorded.Message), marked.Single());
    }
}
