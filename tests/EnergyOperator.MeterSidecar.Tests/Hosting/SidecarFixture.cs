using System.Collections;
using EnergyOperator.Meter.Client;
using EnergyOperator.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace EnergyOperator.MeterSidecar.Tests.Hosting;

/// <summary>
/// The real sidecar host on a free localhost port, metering a fabricated powercap tree, with its termination message
/// and summary file in a temporary directory, and a <see cref="SidecarMeter"/> pointed at it.
/// </summary>
internal sealed class SidecarFixture : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("meter-sidecar-").FullName;
    private bool _stopped;

    private SidecarFixture(string[] extraArgs)
    {
        MetricsAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        Powercap = FakePowercapTree.PackageWithDram();
        TerminationMessagePath = Path.Combine(_directory, "termination-log");
        SummaryPath = Path.Combine(_directory, "shared", "summary.json");
        string[] args =
        [
            "--Meter:ListenUrl=http://127.0.0.1:0",
            $"--Meter:MetricsListenUrl={MetricsAddress}",
            $"--Meter:PowercapRoot={Powercap.Root}",
            $"--Meter:TerminationMessagePath={TerminationMessagePath}",
            $"--Meter:SummaryPath={SummaryPath}",
            "--Meter:RunName=bench-logreg-cpu-b1-r0",
            // The loop would only add samples; windows sample at their own start and stop.
            "--Meter:SampleInterval=60s",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        App = SidecarApplication.Create(args, new Hashtable());
    }

    public WebApplication App { get; }

    public FakePowercapTree Powercap { get; }

    public string TerminationMessagePath { get; }

    public string SummaryPath { get; }

    /// <summary>The window API's address (loopback, a port of its own).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where <c>/metrics</c> and the probes answer.</summary>
    public Uri MetricsAddress { get; }

    public HttpClient Http { get; } = new();

    public SidecarMeter Meter { get; private set; } = null!;

    /// <summary>Starts the host and waits until its meter is ready.</summary>
    public static async Task<SidecarFixture> StartAsync(params string[] extraArgs)
    {
        var fixture = new SidecarFixture(extraArgs);
        await fixture.App.StartAsync();
        fixture.BaseAddress = fixture.App.Urls.Select(url => new Uri(url)).Single(url => url.Port != fixture.MetricsAddress.Port);
        fixture.Meter = new SidecarMeter(fixture.Http, new SidecarMeterOptions { BaseAddress = fixture.BaseAddress, ReadyTimeout = TimeSpan.FromSeconds(10) });
        return fixture;
    }

    /// <summary>Stops the host as SIGTERM does.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await App.StopAsync();
    }

    /// <summary>Waits for the host to stop itself (after finish).</summary>
    public async Task WaitForShutdownAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.WaitForShutdownAsync(timeout.Token);
        _stopped = true;
        Assert.False(timeout.IsCancellationRequested, "the sidecar did not stop itself after finish");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await App.StopAsync();
        }

        await App.DisposeAsync();
        await Meter.DisposeAsync();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
