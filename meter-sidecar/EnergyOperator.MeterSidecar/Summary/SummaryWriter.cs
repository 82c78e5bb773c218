using System.Text.Json;
using EnergyOperator.Meter.Client;
using EnergyOperator.MeterSidecar.Configuration;

namespace EnergyOperator.MeterSidecar.Summary;

/// <summary>
/// Leaves the summary where it survives the pod: in full in the summary file (written to a temporary file and renamed,
/// so a reader never sees half of it) and within Kubernetes' limit in the termination message. Each write failing is
/// logged, not thrown: the other copy may still get through, and the sidecar must still exit cleanly.
/// </summary>
internal sealed partial class SummaryWriter(SidecarOptions options, ILogger<SummaryWriter> logger)
{
    public void Write(MeterSummary summary)
    {
        try
        {
            WriteAtomically(options.SummaryPath, JsonSerializer.SerializeToUtf8Bytes(summary, MeterSidecarJsonContext.Default.MeterSummary));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed("summary file", options.SummaryPath, failure.Message);
        }

        try
        {
            // Written in place: the kubelet bind-mounts this one file, so it cannot be replaced by a rename.
            File.WriteAllBytes(options.TerminationMessagePath, TerminationMessage.Encode(summary, options.SummaryPath));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed("termination message", options.TerminationMessagePath, failure.Message);
        }

        LogWritten(summary.Outcome, summary.Valid, summary.Windows.Count);
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the {What} to {Path}: {Reason}")]
    private partial void LogWriteFailed(string what, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary written: outcome {Outcome}, valid {Valid}, {Windows} windows")]
    private partial void LogWritten(SummaryOutcome outcome, bool valid, int windows);
}
