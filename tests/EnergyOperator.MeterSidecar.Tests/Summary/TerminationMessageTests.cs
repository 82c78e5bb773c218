using System.Text.Json;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Meter.Client;
using EnergyOperator.MeterSidecar.Summary;

namespace EnergyOperator.MeterSidecar.Tests.Summary;

public sealed class TerminationMessageTests
{
    private const string SummaryPath = "/var/run/energy/summary.json";
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Encode_SmallSummary_IsTheFullSummary()
    {
        var summary = Summary(Windows(2, "inference"));

        var message = TerminationMessage.Encode(summary, SummaryPath);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(summary, MeterSidecarJsonContext.Default.MeterSummary), message);
        Assert.False(JsonDocument.Parse(message).RootElement.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public void Encode_LargeSummary_KeepsOnlyInferenceWindowsWithinBudget()
    {
        var summary = Summary([.. Windows(30, "warmup"), .. Windows(3, "inference", firstId: 31)]);

        var message = TerminationMessage.Encode(summary, SummaryPath);

        Assert.InRange(message.Length, 1, TerminationMessage.Budget);
        var truncated = JsonSerializer.Deserialize(message, MeterSidecarJsonContext.Default.TruncatedMeterSummary)!;
        Assert.True(JsonDocument.Parse(message).RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(33, truncated.WindowsTotal);
        Assert.Equal(0, truncated.WindowsOmitted);
        Assert.Equal(["w31", "w32", "w33"], truncated.Windows.Select(window => window.Id));
        Assert.Equal(12.0, truncated.Windows[0].Joules);
        Assert.Equal(["gpu", "cpu-package", "dram"], truncated.Windows[0].Domains.Select(domain => domain.Domain));
    }

    [Fact]
    public void Encode_MoreInferenceWindowsThanFit_KeepsTheFirstAndCountsTheRest()
    {
        var summary = Summary(Windows(200, "inference"));

        var message = TerminationMessage.Encode(summary, SummaryPath);

        Assert.InRange(message.Length, 1, TerminationMessage.Budget);
        var truncated = JsonSerializer.Deserialize(message, MeterSidecarJsonContext.Default.TruncatedMeterSummary)!;
        Assert.NotEmpty(truncated.Windows);
        Assert.Equal("w1", truncated.Windows[0].Id);
        Assert.Equal(200, truncated.Windows.Count + truncated.WindowsOmitted);
    }

    [Fact]
    public void Encode_HugeRunnerMessage_IsShortenedInTheTruncatedForm()
    {
        var summary = Summary(Windows(1, "inference")) with { Message = new string('x', 10_000) };

        var message = TerminationMessage.Encode(summary, SummaryPath);

        var truncated = JsonSerializer.Deserialize(message, MeterSidecarJsonContext.Default.TruncatedMeterSummary)!;
        Assert.InRange(truncated.Message!.Length, 1, 256);
        Assert.Single(truncated.Windows);
    }

    [Fact]
    public void Encode_TextsThatEscapeToSixBytesACharacter_StillFitTheBudget()
    {
        // 256 characters of each text survive the first cut, and each escapes to \uXXXX: four of them alone pass 4 KiB.
        var wide = new string('\u00e9', 300);
        var summary = Summary([.. Windows(40, "inference")]) with { RunName = wide, Reason = wide, Message = new string('\u2603', 300) };

        var message = TerminationMessage.Encode(summary, "/var/run/" + wide);

        Assert.InRange(message.Length, 1, TerminationMessage.Budget);
        Assert.True(JsonDocument.Parse(message).RootElement.GetProperty("truncated").GetBoolean());
    }

    private static MeterSummary Summary(IReadOnlyList<WindowRecord> windows) => new(
        MeterSummary.CurrentSchemaVersion,
        "bench-run",
        SummaryOutcome.Finished,
        Valid: true,
        Reason: null,
        Message: null,
        Start,
        Start.AddMinutes(5),
        [new MeterSourceStatus("rapl", true, null, ["intel-rapl:0 (package-0)", "intel-rapl:0:0 (dram)"])],
        windows);

    private static WindowRecord[] Windows(int count, string phase, int firstId = 1) =>
        Enumerable.Range(firstId, count)
            .Select(id => new WindowRecord($"w{id}", phase, Start, WindowState.Stopped, new WindowMeasurement(phase, Start, 2.0,
            [
                new EnergyReading("nvml", "gpu", "GPU-5a3c9e1f-0000-4bde-9a77-1c2d3e4f5a6b", 10, 5, 6, 20, EnergyMethod.Counter, Estimated: false),
                new EnergyReading("rapl", "cpu-package", "intel-rapl:0", 1.5, 0.75, 1, 20, EnergyMethod.Counter, Estimated: false),
                new EnergyReading("rapl", "dram", "intel-rapl:0:0", 0.5, 0.25, 0.3, 20, EnergyMethod.Counter, Estimated: false),
            ])))
            .ToArray();
}
