using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Operator.Benchmarks;
using static EnergyOperator.Operator.Tests.Benchmarks.BenchmarkFixtures;
using k8s.Models;

namespace EnergyOperator.Operator.Tests.Benchmarks;

public sealed class RunOutcomeReaderTests
{
    private static readonly RunPlan Plan = Run(Stored(Spec()));

    private static RunObservation Read(V1PodStatus? status) =>
        RunOutcomeReader.Read(Plan, new V1Pod { Metadata = new V1ObjectMeta { Name = Plan.Name }, Status = status });

    private static RunResult Failure(V1PodStatus status)
    {
        var observation = Read(status);
        Assert.Equal(RunProgress.Finished, observation.Progress);
        var result = observation.Result!;
        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.False(result.IsValidMeasurement);
        Assert.Null(result.Energy);
        Assert.Null(result.Accuracy);
        Assert.Equal((Plan.Name, Plan.Model.Name, Plan.Hardware.Name, Plan.BatchSize), (result.Name, result.Model, result.Hardware, result.BatchSize));
        return result;
    }

    [Fact]
    public void Read_NoStatusYet_IsPending() => Assert.Equal(RunProgress.Pending, Read(null).Progress);

    [Fact]
    public void Read_RunnerCreating_IsPending() =>
        Assert.Equal(RunProgress.Pending, Read(Status("Pending", Waiting("ContainerCreating"))).Progress);

    [Fact]
    public void Read_RunnerRunning_IsRunning() =>
        Assert.Equal(RunProgress.Running, Read(Status("Running", Running())).Progress);

    [Fact]
    public void Read_RunnerExited0WithItsResult_IsThatResult()
    {
        var expected = Succeeded(Plan.Name, accuracy: 0.93, joules: 40);

        var observation = Read(SucceededStatus(expected));

        Assert.Equal(RunProgress.Finished, observation.Progress);
        Assert.Equal(Json(expected), Json(observation.Result!));
        Assert.True(observation.Result!.IsValidMeasurement);
    }

    [Fact]
    public void Read_ResultOfAnotherRun_IsNotTrusted()
    {
        var result = Failure(SucceededStatus(Succeeded("other-run")));

        Assert.Equal(RunFailureReasons.ResultUnreadable, result.Reason);
        Assert.Contains("'other-run'", result.Message);
    }

    [Theory]
    [InlineData("\"accuracy\":0.93", "\"accuracy\":7", "accuracy is 7")]
    [InlineData("\"accuracy\":0.93", "\"accuracy\":-0.1", "accuracy is -0.1")]
    [InlineData("\"joules\":40,", "\"joules\":-40,", "energy.joules is -40")]
    [InlineData("\"joules\":40,", "\"joules\":1.7e308,", "energy.joules is 1.7E+308")]
    [InlineData("\"joules\":40,", "\"joules\":1e400,", "energy.joules is Infinity")]
    [InlineData("\"batchSize\":8", "\"batchSize\":64", "not of")]
    [InlineData("\"model\":\"tfidf\"", "\"model\":\"other\"", "not of")]
    [InlineData("\"hardware\":\"local\"", "\"hardware\":\"h100\"", "not of")]
    public void Read_ResultOutsideItsPlanOrSaneRanges_FailsTheRun(string find, string replace, string problem)
    {
        var compact = JsonNode.Parse(Json(Succeeded(Plan.Name, accuracy: 0.93, joules: 40)))!.ToJsonString();
        Assert.Contains(find, compact);

        var result = Failure(Status("Succeeded", Terminated(0, compact.Replace(find, replace)), Terminated(0)));

        Assert.Equal(RunFailureReasons.ResultUnreadable, result.Reason);
        Assert.True(result.Message!.Contains(problem, StringComparison.Ordinal), result.Message);
    }

    [Fact]
    public void Read_Exit0WithoutJson_IsResultUnreadable()
    {
        var result = Failure(Status("Succeeded", Terminated(0, "done!")));

        Assert.Equal(RunFailureReasons.ResultUnreadable, result.Reason);
    }

    [Fact]
    public void Read_RunnerFailedWithItsOwnResult_KeepsItsReasonButNoMeasurement()
    {
        var reported = Succeeded(Plan.Name) with { Outcome = RunOutcome.Failed, Reason = "InvalidInput", Message = "vocab.txt not found" };

        var result = Failure(Status("Failed", Terminated(RunnerPod.ExitInvalidInput, Json(reported)), Terminated(0)));

        Assert.Equal(("InvalidInput", "vocab.txt not found"), (result.Reason, result.Message));
    }

    [Fact]
    public void Read_RunnerCrashedWithLogTail_IsRunnerFailedWithExitCodeAndTail()
    {
        var result = Failure(Status("Failed", Terminated(139, "Unhandled exception. System.AccessViolationException", reason: "Error")));

        Assert.Equal(RunFailureReasons.RunnerFailed, result.Reason);
        Assert.Equal("the runner exited with code 139 (Error): Unhandled exception. System.AccessViolationException", result.Message);
    }

    [Fact]
    public void Read_Exit2WithoutResult_IsInvalidInput() =>
        Assert.Equal(RunFailureReasons.InvalidInput, Failure(Status("Failed", Terminated(RunnerPod.ExitInvalidInput))).Reason);

    [Fact]
    public void Read_OomKilled_SaysSo() =>
        Assert.Contains("(OOMKilled)", Failure(Status("Failed", Terminated(137, reason: "OOMKilled"))).Message);

    [Fact]
    public void Read_LongLogTail_IsTruncatedForStatus()
    {
        var result = Failure(Status("Failed", Terminated(1, new string('x', 10_000))));

        Assert.Equal(RunOutcomeReader.MaxMessageLength, result.Message!.Length);
    }

    [Fact]
    public void Read_DeadlineExceeded_IsDeadlineExceededEvenThoughTheRunnerWasKilled()
    {
        var status = Status("Failed", Terminated(137, reason: "Error"));
        status.Reason = "DeadlineExceeded";
        status.Message = "Pod was active on the node longer than the specified deadline";

        var result = Failure(status);

        Assert.Equal((RunFailureReasons.DeadlineExceeded, status.Message), (result.Reason, result.Message));
    }

    [Fact]
    public void Read_ResultWrittenBeforeTheDeadline_StillCounts()
    {
        var status = SucceededStatus(Succeeded(Plan.Name));
        status.Phase = "Failed";
        status.Reason = "DeadlineExceeded";

        Assert.Equal(RunOutcome.Succeeded, Read(status).Result!.Outcome);
    }

    [Theory]
    [InlineData("ErrImagePull", RunFailureReasons.ImagePullFailed)]
    [InlineData("ImagePullBackOff", RunFailureReasons.ImagePullFailed)]
    [InlineData("InvalidImageName", RunFailureReasons.ImagePullFailed)]
    [InlineData("CreateContainerConfigError", RunFailureReasons.CreateContainerFailed)]
    public void Read_RunnerCannotStart_FailsWithTheCause(string waiting, string reason)
    {
        var result = Failure(Status("Pending", Waiting(waiting, "Back-off pulling image \"registry.test/energy-runner:1.0\"")));

        Assert.Equal(reason, result.Reason);
        Assert.StartsWith($"container runner: {waiting}", result.Message);
    }

    [Fact]
    public void Read_MeterImageCannotBePulled_FailsTheRun()
    {
        var result = Failure(Status("Pending", Waiting("PodInitializing"), Waiting("ImagePullBackOff")));

        Assert.Equal(RunFailureReasons.ImagePullFailed, result.Reason);
        Assert.StartsWith("container meter", result.Message);
    }

    [Fact]
    public void Read_MeterExitedWithErrorWhileRunnerRuns_IsMeterFailed()
    {
        var result = Failure(Status("Running", Running(), Terminated(1, "nvmlInit failed")));

        Assert.Equal(RunFailureReasons.MeterFailed, result.Reason);
        Assert.Contains("nvmlInit failed", result.Message);
    }

    [Fact]
    public void Read_NativeMeterCrashLooping_IsMeterFailed()
    {
        var status = Status("Running", Running());
        status.InitContainerStatuses = [Container(RunnerPod.MeterContainer, Waiting("CrashLoopBackOff"), last: Terminated(2))];

        Assert.Equal(RunFailureReasons.MeterFailed, Failure(status).Reason);
    }

    [Fact]
    public void Read_ClassicMeterExitedCleanlyWhileRunnerFinishes_IsStillRunning()
    {
        var status = new V1PodStatus
        {
            Phase = "Running",
            ContainerStatuses = [Container(RunnerPod.RunnerContainer, Running()), Container(RunnerPod.MeterContainer, Terminated(0))],
        };

        Assert.Equal(RunProgress.Running, Read(status).Progress);
    }

    [Fact]
    public void Read_EvictedWithoutContainerStatuses_FailsWithThePodsReason()
    {
        var result = Failure(new V1PodStatus { Phase = "Failed", Reason = "Evicted", Message = "The node was low on resource: memory." });

        Assert.Equal(("Evicted", "The node was low on resource: memory."), (result.Reason, result.Message));
    }

    [Fact]
    public void Read_PodFailedWithNothingToSay_IsPodFailed() =>
        Assert.Equal(RunFailureReasons.PodFailed, Failure(new V1PodStatus { Phase = "Failed" }).Reason);
}
