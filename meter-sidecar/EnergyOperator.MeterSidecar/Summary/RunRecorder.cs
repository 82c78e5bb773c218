using EnergyOperator.Meter.Client;
using EnergyOperator.MeterSidecar.Api;
using EnergyOperator.MeterSidecar.Configuration;
using EnergyOperator.MeterSidecar.Metering;

namespace EnergyOperator.MeterSidecar.Summary;

/// <summary>
/// Ends the run exactly once: when the runner calls finish, or, if it never does, when the sidecar is stopped
/// (SIGTERM) — the runner died or was killed, and the summary must say so rather than go missing.
/// </summary>
internal sealed class RunRecorder(SidecarOptions options, MeterRuntime runtime, WindowBook windows, SummaryWriter writer, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private MeterSummary? _summary;

    /// <summary>Records the runner's verdict and writes the summary.</summary>
    /// <exception cref="MeterApiException">A status other than succeeded or failed (400), or the run already ended (409).</exception>
    public MeterSummary Finish(string? status, string? message)
    {
        var outcome = status switch
        {
            "succeeded" => SummaryOutcome.Finished,
            "failed" => SummaryOutcome.RunnerFailed,
            _ => throw MeterApiException.BadRequest($"Status '{status}' is not a runner outcome: send \"succeeded\" or \"failed\"."),
        };
        lock (_gate)
        {
            if (_summary is { } ended)
            {
                throw MeterApiException.Conflict("Run already finished", $"The run already ended with outcome '{ended.Outcome}'; finish is accepted once.");
            }

            return End(outcome, message);
        }
    }

    /// <summary>Writes a <see cref="SummaryOutcome.Terminated"/> summary unless the run already ended; for <c>ApplicationStopping</c>.</summary>
    public void RecordTermination()
    {
        lock (_gate)
        {
            if (_summary is null)
            {
                End(SummaryOutcome.Terminated, message: null);
            }
        }
    }

    private MeterSummary End(SummaryOutcome outcome, string? message)
    {
        var records = windows.Close();
        var reason = InvalidReason(outcome, records);
        var summary = new MeterSummary(
            MeterSummary.CurrentSchemaVersion,
            options.RunName,
            outcome,
            Valid: reason is null,
            reason,
            message,
            _startedAt,
            time.GetUtcNow(),
            runtime.Sources,
            records);
        writer.Write(summary);
        _summary = summary;
        return summary;
    }

    private string? InvalidReason(SummaryOutcome outcome, IReadOnlyList<WindowRecord> records)
    {
        if (outcome == SummaryOutcome.Terminated)
        {
            return "the runner never called finish: the sidecar was stopped first (the runner crashed, was killed or timed out)";
        }

        if (outcome == SummaryOutcome.RunnerFailed)
        {
            return "the runner reported failure";
        }

        if (runtime.State != MeterState.Ready)
        {
            return $"the meter never measured: {runtime.Failure ?? "it had not started"}";
        }

        var failed = records.FirstOrDefault(record => record.State == WindowState.Failed);
        if (failed is not null)
        {
            return $"window '{failed.Id}' ({failed.Phase}) could not be measured: {failed.Error}";
        }

        var open = records.FirstOrDefault(record => record.State == WindowState.Open);
        if (open is not null)
        {
            return $"window '{open.Id}' ({open.Phase}) was never stopped";
        }

        // Without this, a finish with no windows would pass every check above and certify energy nobody measured.
        return records.Count == 0 ? "the runner finished without measuring any window" : null;
    }
}
