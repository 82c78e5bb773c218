using System.Text.Json;
using EnergyOperator.Meter.Client;

namespace EnergyOperator.MeterSidecar.Summary;

/// <summary>
/// Encodes a summary for the container's termination message, which Kubernetes cuts at 4,096 bytes (12 KiB per pod).
/// A summary within <see cref="Budget"/> goes as it is; a larger one becomes a <see cref="TruncatedMeterSummary"/>
/// holding the verdict and as many <c>inference</c> windows' per-domain joules as fit.
/// </summary>
internal static class TerminationMessage
{
    /// <summary>Kubernetes' limit per container.</summary>
    public const int KubernetesLimit = 4096;

    /// <summary>What the sidecar uses: well under the limit, leaving room in the pod's 12 KiB for the runner's own message.</summary>
    public const int Budget = 3072;

    /// <summary>The phase whose energy is the run's result; the others are context that the summary file keeps.</summary>
    public const string ResultPhase = "inference";

    private const int MaxTextLength = 256;

    /// <summary>Four texts of this many characters, each escaped at most six bytes per character, fit the budget with room to spare.</summary>
    private const int MinTextLength = 64;

    private static readonly MeterSidecarJsonContext Json = MeterSidecarJsonContext.Default;

    public static byte[] Encode(MeterSummary summary, string summaryPath)
    {
        var full = JsonSerializer.SerializeToUtf8Bytes(summary, Json.MeterSummary);
        if (full.Length <= Budget)
        {
            return full;
        }

        var windows = summary.Windows
            .Where(window => window.Phase == ResultPhase && window.Measurement is not null)
            .Select(window => Compact(window.Id, window.Measurement!))
            .ToArray();

        // The encoded size grows with the number of windows kept: find the most that fit.
        var (low, high) = (0, windows.Length);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Truncated(summary, summaryPath, windows, middle).Length <= Budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        var encoded = Truncated(summary, summaryPath, windows, low);

        // Texts are cut by characters, but escaped non-ASCII takes up to six bytes each: measured again, and when still too
        // long, sent with no windows and texts cut to a length that fits whatever they hold.
        return encoded.Length <= Budget ? encoded : Truncated(summary, summaryPath, windows, 0, MinTextLength);
    }

    private static byte[] Truncated(MeterSummary summary, string summaryPath, CompactWindow[] windows, int kept, int textLength = MaxTextLength)
    {
        var truncated = new TruncatedMeterSummary(
            summary.SchemaVersion,
            Shorten(summary.RunName, textLength),
            summary.Outcome,
            summary.Valid,
            Shorten(summary.Reason, textLength),
            Shorten(summary.Message, textLength),
            Shorten(summaryPath, textLength)!,
            summary.Windows.Count,
            windows.Length - kept,
            windows[..kept]);
        return JsonSerializer.SerializeToUtf8Bytes(truncated, Json.TruncatedMeterSummary);
    }

    private static CompactWindow Compact(string id, Contracts.Measurement.WindowMeasurement measurement) => new(
        id,
        measurement.Phase,
        measurement.DurationSeconds,
        measurement.TotalJoules,
        measurement.Estimated,
        measurement.Readings.Select(reading => new CompactReading(reading.Source, reading.Domain, reading.Device, reading.Joules)).ToArray());

    private static string? Shorten(string? text, int length) =>
        text is { } t && t.Length > length ? string.Concat(t.AsSpan(0, length - 1), "…") : text;
}
