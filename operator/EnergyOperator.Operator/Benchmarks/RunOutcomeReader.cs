using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Results;
using EnergyOperator.Contracts.Serialization;
using k8s.Models;

namespace EnergyOperator.Operator.Benchmarks;

/// <summary>
/// Turns a run pod's status into the run's state. A finished run is final: a failure is built from the plan alone, so it
/// never carries energy or accuracy, and a success must be this run's own result.
/// </summary>
internal static class RunOutcomeReader
{
    /// <summary>Status keeps this much of a log tail or foreign message; the rest is in <c>kubectl logs</c>.</summary>
    internal const int MaxMessageLength = 1024;

    private static readonly Dictionary<string, string> WaitingFailures = new(StringComparer.Ordinal)
    {
        ["ErrImagePull"] = RunFailureReasons.ImagePullFailed,
        ["ImagePullBackOff"] = RunFailureReasons.ImagePullFailed,
        ["InvalidImageName"] = RunFailureReasons.ImagePullFailed,
        ["CreateContainerConfigError"] = RunFailureReasons.CreateContainerFailed,
        ["CreateContainerError"] = RunFailureReasons.CreateContainerFailed,
    };

    public static RunObservation Read(RunPlan run, V1Pod pod)
    {
        if (pod.Status is not { } status)
        {
            return RunObservation.Pending;
        }

        var runner = FindContainer(status, RunnerPod.RunnerContainer);
        var meter = FindContainer(status, RunnerPod.MeterContainer);
        var runnerExit = runner?.State?.Terminated;

        // A result that made it out counts even if the pod was then killed (the deadline hit while the meter shut down).
        if (runnerExit is { ExitCode: RunnerPod.ExitSucceeded } && TryReadResult(run, runnerExit.Message, out var result, out _)
            && result.Outcome == RunOutcome.Succeeded)
        {
            return RunObservation.Finished(result);
        }

        // Pod-level failures (DeadlineExceeded, Evicted, node shutdown) explain a killed runner better than its exit code.
        if (status.Reason is { Length: > 0 } podReason && (status.Phase == "Failed" || podReason == RunFailureReasons.DeadlineExceeded))
        {
            return RunObservation.Finished(Failed(run, podReason, status.Message ?? $"pod {pod.Metadata.Name} failed: {podReason}"));
        }

        if (runnerExit is not null)
        {
            return RunObservation.Finished(FromRunnerExit(run, runnerExit));
        }

        if ((WaitingFailure(run, runner) ?? WaitingFailure(run, meter)) is { } waiting)
        {
            return RunObservation.Finished(waiting);
        }

        if (MeterFailure(run, meter) is { } meterFailure)
        {
            return RunObservation.Finished(meterFailure);
        }

        if (status.Phase is "Failed" or "Succeeded")
        {
            return RunObservation.Finished(Failed(run, RunFailureReasons.PodFailed,
                status.Message ?? $"pod {pod.Metadata.Name} is {status.Phase} but the runner left no exit status"));
        }

        return runner?.State?.Running is not null ? RunObservation.Running : RunObservation.Pending;
    }

    /// <summary>Image pulls and GPU node scale-ups take minutes: a pod is never given up for not starting sooner than this.</summary>
    public static readonly TimeSpan MinimumStartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When a pod that has not started must be given up: <c>activeDeadlineSeconds</c> only counts once a pod starts, so a pod
    /// no node can take would otherwise wait forever. Null once it has started.
    /// </summary>
    public static DateTimeOffset? StartDeadline(V1Pod pod, TimeSpan timeout) =>
        pod.Status is not { StartTime: not null } && (pod.Status?.Phase is null or "Pending") && pod.Metadata.CreationTimestamp is { } created
            ? created + StartTimeout(timeout)
            : null;

    public static TimeSpan StartTimeout(TimeSpan timeout) => timeout > MinimumStartTimeout ? timeout : MinimumStartTimeout;

    /// <summary>The failure of a run whose pod did not start in time, with the scheduler's reason when it gave one.</summary>
    public static RunResult NotStarted(RunPlan run, V1Pod pod, TimeSpan timeout)
    {
        var unscheduled = pod.Status?.Conditions?.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False" });
        var waited = $"{StartTimeout(timeout).TotalSeconds:0} s (spec.runtime.timeoutSeconds, at least {MinimumStartTimeout.TotalMinutes:0} min)";
        return unscheduled is not null
            ? Failed(run, RunFailureReasons.Unschedulable, $"no node took pod {pod.Metadata.Name} within {waited}: {unscheduled.Message ?? unscheduled.Reason}")
            : Failed(run, RunFailureReasons.StartTimeout, $"pod {pod.Metadata.Name} did not start within {waited}");
    }

    private static V1ContainerStatus? FindContainer(V1PodStatus status, string name) =>
        status.ContainerStatuses?.FirstOrDefault(c => c.Name == name)
        ?? status.InitContainerStatuses?.FirstOrDefault(c => c.Name == name);

    private static RunResult FromRunnerExit(RunPlan run, V1ContainerStateTerminated exit)
    {
        TryReadResult(run, exit.Message, out var result, out var problem);
        if (exit.ExitCode == RunnerPod.ExitSucceeded)
        {
            // Exit 0 with the runner's own failed result (it decided the run cannot count): keep its reason.
            return result is not null
                ? Failed(run, result.Reason ?? RunFailureReasons.RunnerFailed, result.Message ?? "the runner reported the run as failed")
                : Failed(run, RunFailureReasons.ResultUnreadable, $"the runner exited 0 but {problem}");
        }

        if (result?.Reason is { Length: > 0 } reason)
        {
            return Failed(run, reason, result.Message ?? $"the runner exited with code {exit.ExitCode}");
        }

        var fallbackReason = exit.ExitCode == RunnerPod.ExitInvalidInput ? RunFailureReasons.InvalidInput : RunFailureReasons.RunnerFailed;
        var kubeletReason = exit.Reason is { Length: > 0 } r ? $" ({r})" : "";
        var tail = string.IsNullOrWhiteSpace(exit.Message) ? "" : $": {exit.Message.Trim()}";
        return Failed(run, fallbackReason, $"the runner exited with code {exit.ExitCode}{kubeletReason}{tail}");
    }

    private static RunResult? WaitingFailure(RunPlan run, V1ContainerStatus? container)
    {
        if (container?.State?.Waiting is not { Reason: { } reason } waiting || !WaitingFailures.TryGetValue(reason, out var failure))
        {
            return null;
        }

        return Failed(run, failure, $"container {container.Name}: {reason}{(waiting.Message is { Length: > 0 } m ? $": {m}" : "")}");
    }

    /// <summary>A meter that stopped with an error while the runner still ran: the window it measured is gone.</summary>
    private static RunResult? MeterFailure(RunPlan run, V1ContainerStatus? meter)
    {
        var exit = meter?.State?.Terminated
            ?? (meter?.State?.Waiting?.Reason == "CrashLoopBackOff" ? meter.LastState?.Terminated : null);
        if (exit is null || exit.ExitCode == 0)
        {
            return null;
        }

        var tail = string.IsNullOrWhiteSpace(exit.Message) ? "" : $": {exit.Message.Trim()}";
        return Failed(run, RunFailureReasons.MeterFailed, $"the meter exited with code {exit.ExitCode} before the runner finished{tail}");
    }

    private static bool TryReadResult(RunPlan run, string? message, [NotNullWhen(true)] out RunResult? result, out string problem)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(message))
        {
            problem = "left no termination message";
            return false;
        }

        try
        {
            result = JsonSerializer.Deserialize(message, ContractsJsonContext.Default.RunResult)!;
        }
        catch (JsonException e)
        {
            problem = $"its termination message is not a RunResult ({e.Message})";
            return false;
        }

        if (result is null)
        {
            problem = "its termination message is null";
            return false;
        }

        if (RunResultCheck.FindProblem(result, run) is { } wrong)
        {
            problem = $"its termination message cannot stand for this run: {wrong}";
            result = null;
            return false;
        }

        problem = "";
        return true;
    }

    internal static RunResult Failed(RunPlan run, string reason, string message) => run.Failed(reason, Truncate(message));

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..(MaxMessageLength - 1)] + "…";
}
