using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using EnergyOperator.Contracts.Observability;
using EnergyOperator.Meter.Client;
using EnergyOperator.Meter;
using EnergyOperator.MeterSidecar.Metrics;
using EnergyOperator.MeterSidecar.Summary;
using EnergyOperator.MeterSidecar.Tests.Metrics;

using EnergyOperator.Testing;

namespace EnergyOperator.MeterSidecar.Tests.Hosting;

/// <summary>The sidecar host end to end, on a fabricated RAPL tree and a machine without NVML.</summary>
public sealed class SidecarApiTests
{
    private static readonly MeterSidecarJsonContext Json = MeterSidecarJsonContext.Default;

    [Fact]
    public async Task Sources_WithoutNvidiaDriver_ReportNvmlUnavailableWithReasonAndRaplZones()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var sources = await sidecar.Meter.DescribeAsync();

        var nvml = Assert.Single(sources, source => source.Source == "nvml");
        Assert.False(nvml.Available);
        Assert.Contains("libnvidia-ml.so.1 could not be loaded", nvml.Reason);
        var rapl = Assert.Single(sources, source => source.Source == "rapl");
        Assert.True(rapl.Available);
        Assert.Equal(["intel-rapl:0 (package-0)", "intel-rapl:0:0 (dram)"], rapl.Devices);
    }

    [Fact]
    public async Task Window_ThroughClient_MeasuresTheCounterDeltasOfEveryZone()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        sidecar.Powercap.SetEnergy(FakePowercapTree.Package, 1_000_000);
        sidecar.Powercap.SetEnergy(FakePowercapTree.Dram, 200_000);

        var window = await sidecar.Meter.StartWindowAsync("inference");
        sidecar.Powercap.SetEnergy(FakePowercapTree.Package, 3_500_000);
        sidecar.Powercap.SetEnergy(FakePowercapTree.Dram, 450_000);
        var measurement = await window.StopAsync();

        Assert.Equal("inference", measurement.Phase);
        var package = Assert.Single(measurement.Readings, reading => reading.Domain == "cpu-package");
        var dram = Assert.Single(measurement.Readings, reading => reading.Domain == "dram");
        Assert.Equal(2.5, package.Joules, precision: 9);
        Assert.Equal(0.25, dram.Joules, precision: 9);
        Assert.Equal(FakePowercapTree.Package, package.Device);
        Assert.Equal(2.75, measurement.TotalJoules, precision: 9);
        Assert.False(measurement.Estimated);
    }

    [Fact]
    public async Task Stop_Twice_Answers409WithProblemDetail()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        var window = (SidecarWindow)await sidecar.Meter.StartWindowAsync("inference");
        await window.StopAsync();

        var response = await sidecar.Http.PostAsync(new Uri(sidecar.BaseAddress, $"v1/windows/{window.Id}/stop"), content: null);
        var viaClient = await Assert.ThrowsAsync<EnergyMeasurementException>(() => window.StopAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync(Json.ProblemResponse);
        Assert.Contains($"Window '{window.Id}' (inference) was already stopped", problem!.Detail);
        Assert.Contains("409", viaClient.Message);
        Assert.Contains("already stopped", viaClient.Message);
    }

    [Fact]
    public async Task Stop_UnknownId_Answers404()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var response = await sidecar.Http.PostAsync(new Uri(sidecar.BaseAddress, "v1/windows/w42/stop"), content: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync(Json.ProblemResponse);
        Assert.Contains("No window has id 'w42'", problem!.Detail);
    }

    [Theory]
    [InlineData("Inference")]
    [InlineData("inference run")]
    [InlineData("-warmup")]
    public async Task StartWindow_InvalidPhase_Answers400NamingTheRule(string phase)
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var failure = await Assert.ThrowsAsync<EnergyMeasurementException>(() => sidecar.Meter.StartWindowAsync(phase));

        Assert.Contains("400", failure.Message);
        Assert.Contains($"Phase '{phase}' is not a valid window name", failure.Message);
    }

    [Fact]
    public async Task StartWindow_BodyNotJson_Answers400WithExample()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var response = await sidecar.Http.PostAsync(new Uri(sidecar.BaseAddress, "v1/windows"), new StringContent("{\"phase\":", null, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync(Json.ProblemResponse);
        Assert.Contains("{\"phase\":\"inference\"}", problem!.Detail);
    }

    [Fact]
    public async Task StartWindow_BodyOverTheLimit_Answers413()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        var body = $"{{\"phase\":\"{new string('a', 1024 * 1024)}\"}}";

        var response = await sidecar.Http.PostAsync(new Uri(sidecar.BaseAddress, "v1/windows"), new StringContent(body, null, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task StartWindow_StalledBody_Answers408()
    {
        await using var sidecar = await SidecarFixture.StartAsync("--Meter:RequestBodyTimeout=2s");
        await sidecar.Meter.StartAsync();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(sidecar.BaseAddress.Host, sidecar.BaseAddress.Port);
        var stream = client.GetStream();
        // Promises 100 bytes and sends one: the sidecar must give up on the rest, not wait forever.
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /v1/windows HTTP/1.1\r\nHost: {sidecar.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"));

        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 408", statusLine);
    }

    [Fact]
    public async Task StartWindow_HugeInvalidPhase_IsNotEchoedWhole()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var response = await sidecar.Http.PostAsync(
            new Uri(sidecar.BaseAddress, "v1/windows"), new StringContent($"{{\"phase\":\"{new string('X', 60_000)}\"}}", null, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange((await response.Content.ReadAsStringAsync()).Length, 1, 2048);
    }

    [Fact]
    public async Task MetricsPort_AnswersNoWindowApi_AndApiPortNoMetrics()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var write = await sidecar.Http.PostAsync(new Uri(sidecar.MetricsAddress, "v1/windows"), new StringContent("{\"phase\":\"inference\"}", null, "application/json"));
        var metrics = await sidecar.Http.GetAsync(new Uri(sidecar.BaseAddress, "metrics"));
        var ready = await sidecar.Http.GetAsync(new Uri(sidecar.MetricsAddress, "readyz"));

        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_ExportNoProcessOrRuntimeDefaults()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var text = await sidecar.Http.GetStringAsync(new Uri(sidecar.MetricsAddress, "metrics"));

        Assert.DoesNotContain("process_", text);
        Assert.DoesNotContain("dotnet_", text);
        Assert.Contains("energy_meter_samples_total", text);
    }

    [Fact]
    public async Task Windows_PastTheLimit_TheOldestStoppedIsForgotten()
    {
        await using var sidecar = await SidecarFixture.StartAsync("--Meter:MaxWindows=3");
        await sidecar.Meter.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await sidecar.Meter.StartWindowAsync("inference")).StopAsync();
        }

        var windows = await sidecar.Http.GetFromJsonAsync(new Uri(sidecar.BaseAddress, "v1/windows"), Json.WindowRecordArray);

        Assert.Equal(["w3", "w4", "w5"], windows!.Select(w => w.Id));
    }

    [Fact]
    public async Task Windows_AllOpenAtTheLimit_RefusesAnother()
    {
        await using var sidecar = await SidecarFixture.StartAsync("--Meter:MaxWindows=2");
        await sidecar.Meter.StartAsync();
        await sidecar.Meter.StartWindowAsync("inference");
        await sidecar.Meter.StartWindowAsync("inference");

        var failure = await Assert.ThrowsAsync<EnergyMeasurementException>(() => sidecar.Meter.StartWindowAsync("inference"));

        Assert.Contains("409", failure.Message);
    }

    [Fact]
    public async Task Windows_ListsOpenAndStoppedWindowsInOrder()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        var warmup = await sidecar.Meter.StartWindowAsync("warmup");
        sidecar.Powercap.SetEnergy(FakePowercapTree.Package, 10);
        await warmup.StopAsync();
        await sidecar.Meter.StartWindowAsync("inference");

        var windows = await sidecar.Meter.ListWindowsAsync();

        Assert.Equal([("w1", "warmup", WindowState.Stopped), ("w2", "inference", WindowState.Open)], windows.Select(w => (w.Id, w.Phase, w.State)));
        Assert.NotNull(windows[0].Measurement);
        Assert.Null(windows[1].Measurement);
    }

    [Fact]
    public async Task Metrics_AfterAWindow_ExposeJoulesWattsEstimatedSamplesAndWindows()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        var window = await sidecar.Meter.StartWindowAsync("inference");
        sidecar.Powercap.SetEnergy(FakePowercapTree.Package, 4_000_000);
        await window.StopAsync();

        var response = await sidecar.Http.GetAsync(new Uri(sidecar.MetricsAddress, "metrics"));
        var metrics = ExpositionParser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["energy_meter_joules_total"] = "counter",
                ["energy_meter_watts"] = "gauge",
                ["energy_meter_estimated"] = "gauge",
                ["energy_meter_samples_total"] = "counter",
                ["energy_meter_windows_total"] = "counter",
            },
            metrics.Types);
        Assert.All(metrics.Types.Keys, name => Assert.False(string.IsNullOrWhiteSpace(metrics.Help[name])));
        Assert.Equal(4.0, metrics.Value("energy_meter_joules_total", ("domain", "cpu-package"), ("device", FakePowercapTree.Package)), precision: 9);
        Assert.Equal(0.0, metrics.Value("energy_meter_joules_total", ("domain", "dram"), ("device", FakePowercapTree.Dram)));
        Assert.Equal(2, metrics.Samples.Count(sample => sample.Name == "energy_meter_watts"));
        Assert.Equal(0, metrics.Value("energy_meter_estimated", ("source", "rapl"), ("domain", "cpu-package")));
        Assert.Equal(3, metrics.Value("energy_meter_samples_total")); // baseline, window start, window stop
        Assert.Equal(1, metrics.Value("energy_meter_windows_total", ("phase", "inference")));
    }

    [Fact]
    public async Task Finish_WritesTerminationMessageAndSummaryFileThenStops()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        var window = await sidecar.Meter.StartWindowAsync("inference");
        sidecar.Powercap.SetEnergy(FakePowercapTree.Package, 2_000_000);
        await window.StopAsync();

        var answer = await sidecar.Meter.FinishAsync(RunnerStatus.Succeeded);
        await sidecar.WaitForShutdownAsync();

        var message = await File.ReadAllBytesAsync(sidecar.TerminationMessagePath);
        Assert.InRange(message.Length, 1, TerminationMessage.KubernetesLimit);
        var summary = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(sidecar.SummaryPath), Json.MeterSummary)!;
        Assert.Equal(message, await File.ReadAllBytesAsync(sidecar.SummaryPath));
        Assert.Equal(MeterSummary.CurrentSchemaVersion, summary.SchemaVersion);
        Assert.Equal("bench-logreg-cpu-b1-r0", summary.RunName);
        Assert.Equal(SummaryOutcome.Finished, summary.Outcome);
        Assert.True(summary.Valid);
        Assert.Null(summary.Reason);
        Assert.Equal(2.0, Assert.Single(summary.Windows).Measurement!.TotalJoules, precision: 9);
        Assert.Contains(summary.Sources, source => source.Source == "nvml" && !source.Available);
        Assert.Equal(summary.FinishedAt, answer.FinishedAt);
    }

    [Fact]
    public async Task Finish_RunnerFailed_SummaryIsInvalidAndKeepsTheMessage()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var summary = await sidecar.Meter.FinishAsync(RunnerStatus.Failed, "model file not found");
        await sidecar.WaitForShutdownAsync();

        Assert.Equal(SummaryOutcome.RunnerFailed, summary.Outcome);
        Assert.False(summary.Valid);
        Assert.Equal("model file not found", summary.Message);
    }

    [Fact]
    public async Task Finish_SucceededWithoutAnyWindow_SummaryIsInvalid()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();

        var summary = await sidecar.Meter.FinishAsync(RunnerStatus.Succeeded);
        await sidecar.WaitForShutdownAsync();

        Assert.Equal(SummaryOutcome.Finished, summary.Outcome);
        Assert.False(summary.Valid);
        Assert.Contains("without measuring any window", summary.Reason);
    }

    [Fact]
    public async Task Finish_ManyWindows_TerminationMessageIsTruncatedAndFileKeepsEverything()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        for (var i = 1; i <= 40; i++)
        {
            var window = await sidecar.Meter.StartWindowAsync(i % 2 == 0 ? "inference" : "warmup");
            sidecar.Powercap.SetEnergy(FakePowercapTree.Package, (ulong)i * 1_000_000);
            await window.StopAsync();
        }

        await sidecar.Meter.FinishAsync(RunnerStatus.Succeeded);
        await sidecar.WaitForShutdownAsync();

        var message = await File.ReadAllBytesAsync(sidecar.TerminationMessagePath);
        Assert.InRange(message.Length, 1, TerminationMessage.Budget);
        var truncated = JsonSerializer.Deserialize(message, Json.TruncatedMeterSummary)!;
        Assert.True(JsonDocument.Parse(message).RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(truncated.Valid);
        Assert.Equal(sidecar.SummaryPath, truncated.SummaryPath);
        Assert.Equal(40, truncated.WindowsTotal);
        Assert.NotEmpty(truncated.Windows);
        Assert.All(truncated.Windows, window => Assert.Equal("inference", window.Phase));
        Assert.Equal(20, truncated.Windows.Count + truncated.WindowsOmitted);
        Assert.Equal(1.0, truncated.Windows[0].Domains.Single(domain => domain.Domain == "cpu-package").Joules, precision: 9);
        var full = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(sidecar.SummaryPath), Json.MeterSummary)!;
        Assert.Equal(40, full.Windows.Count);
        Assert.False(full.Truncated);
    }

    [Fact]
    public async Task Stop_WithoutFinish_WritesTerminatedInvalidSummary()
    {
        await using var sidecar = await SidecarFixture.StartAsync();
        await sidecar.Meter.StartAsync();
        await sidecar.Meter.StartWindowAsync("inference");

        await sidecar.StopAsync();

        var summary = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(sidecar.TerminationMessagePath), Json.MeterSummary)!;
        Assert.Equal(SummaryOutcome.Terminated, summary.Outcome);
        Assert.False(summary.Valid);
        Assert.Contains("never called finish", summary.Reason);
        Assert.Equal(WindowState.Open, Assert.Single(summary.Windows).State);
        Assert.True(File.Exists(sidecar.SummaryPath));
    }

    [Fact]
    public async Task StartAsync_RequestedSourceUnavailable_ThrowsConfigurationErrorWithTheSidecarsReason()
    {
        await using var sidecar = await SidecarFixture.StartAsync("--Meter:Sources=nvml");

        var failure = await Assert.ThrowsAsync<MeterConfigurationException>(() => sidecar.Meter.StartAsync());
        var window = await sidecar.Http.PostAsync(
            new Uri(sidecar.BaseAddress, "v1/windows"), JsonContent.Create(new WindowStartRequest("inference"), Json.WindowStartRequest));

        Assert.Contains("Meter source 'nvml' was requested but is unavailable", failure.Message);
        Assert.Equal(HttpStatusCode.Conflict, window.StatusCode);
    }

    [Fact]
    public async Task StartAsync_NoSidecarListening_FailsAfterTheReadyTimeout()
    {
        using var http = new HttpClient();
        await using var meter = new SidecarMeter(http, new SidecarMeterOptions
        {
            BaseAddress = new Uri("http://127.0.0.1:1"),
            ReadyTimeout = TimeSpan.FromMilliseconds(200),
            ReadyPollInterval = TimeSpan.FromMilliseconds(50),
        });

        var failure = await Assert.ThrowsAsync<EnergyMeasurementException>(() => meter.StartAsync());

        Assert.Contains("did not become ready within 0.2 s", failure.Message);
        Assert.Contains("http://127.0.0.1:1/", failure.Message);
    }
}
