using EnergyOperator.Controllers;
using EnergyOperator.Controllers.Events;
using EnergyOperator.Kubernetes.Resources;
using EnergyOperator.Testing;

namespace EnergyOperator.Controllers.Tests;

public sealed class EventRecorderTests : ApiServerTest
{
    [Fact]
    public async Task RecordAsync_SameEventTwice_AggregatesIntoOneEventWithCount()
    {
        var owner = Server.Create(KubernetesResources.EnergyBenchmarks, Benchmark("b1"));
        var recorder = new EventRecorder(Client);

        await Record(recorder, owner, "PodCreated", "created b1-run-0");
        await Record(recorder, owner, "PodCreated", "created b1-run-0");
        await Record(recorder, owner, "PodCreated", "created b1-run-1");

        var events = Server.List(KubernetesResources.Events, "default");
        Assert.Equal(2, events.Count);
        var repeated = Assert.Single(events, e => e.Message == "created b1-run-0");
        Assert.Equal(2, repeated.Count);
        Assert.Equal(owner.Metadata.Uid, repeated.InvolvedObject.Uid);
        Assert.Equal(owner.Metadata.ResourceVersion, repeated.InvolvedObject.ResourceVersion);
        Assert.Equal("EnergyBenchmark", repeated.InvolvedObject.Kind);
        Assert.Equal(("Normal", "PodCreated", "energy-operator"), (repeated.Type, repeated.Reason, repeated.Source?.Component));
    }

    [Fact]
    public async Task RecordAsync_ServerFailsOnce_CreatesTheEventOnRetry()
    {
        var owner = Server.Create(KubernetesResources.EnergyBenchmarks, Benchmark("b1"));
        Server.Faults.FailNext(1, 500, request => request.Method == "POST");

        await Record(new EventRecorder(Client, timeProvider: new ManualTimeProvider { AutoAdvance = true }), owner, "PodCreated", "created b1-run-0");

        Assert.Equal("created b1-run-0", Assert.Single(Server.List(KubernetesResources.Events, "default")).Message);
    }

    [Fact]
    public async Task RecordAsync_ServerKeepsFailing_GivesUpWithoutThrowing()
    {
        var owner = Server.Create(KubernetesResources.EnergyBenchmarks, Benchmark("b1"));
        Server.Faults.FailNext(int.MaxValue, 500);

        await Record(new EventRecorder(Client, timeProvider: new ManualTimeProvider { AutoAdvance = true }), owner, "PodCreated", "created b1-run-0");

        Assert.Empty(Server.List(KubernetesResources.Events, "default"));
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "POST"));
    }

    private static Task Record(EventRecorder recorder, Contracts.V1Alpha1.EnergyBenchmark owner, string reason, string message) =>
        recorder.RecordAsync(owner.ApiVersion, owner.Kind, owner.Metadata, EventType.Normal, reason, message, CancellationToken.None);
}
