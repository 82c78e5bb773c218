using System.Diagnostics;
using System.Text.Json;
using EnergyOperator.Contracts.Measurement;
using EnergyOperator.Contracts.Serialization;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests;

/// <summary>
/// <c>energyctl run --meter-url</c> measuring through the real meter sidecar binary, as a runner pod does, with RAPL read
/// from a fabricated powercap tree whose package counter advances at 20 W while the benchmark runs.
/// </summary>
public sealed class SidecarRunTests : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("energyctl-sidecar-");
    private readonly FakePowercapTree _powercap = FakePowercapTree.PackageWithDram();
    private readonly CancellationTokenSource _stop = new();
    private Process _sidecar = null!;
    private Task _counter = Task.CompletedTask;
    private Uri _url = null!;

    public Task InitializeAsync()
    {
        _url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "energy-meter.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ENERGY_METER_LISTEN_URL"] = _url.ToString();
        start.Environment["ENERGY_METER_METRICS_LISTEN_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        start.Environment["ENERGY_METER_SOURCES"] = "rapl";
        start.Environment["ENERGY_METER_POWERCAP_ROOT"] = _powercap.Root;
        start.Environment["ENERGY_METER_SAMPLE_INTERVAL"] = "20ms";
        start.Environment["ENERGY_METER_TERMINATION_MESSAGE_PATH"] = Path.Combine(_work.FullName, "termination-log");
        start.Environment["ENERGY_METER_SUMMARY_PATH"] = Path.Combine(_work.FullName, "meter-summary.json");
        _sidecar = Process.Start(start)!;
        // Drained, not read: a full pipe would block the sidecar mid-benchmark.
        _sidecar.BeginOutputReadLine();
        _sidecar.BeginErrorReadLine();
        _counter = AdvanceCounterAsync(_stop.Token);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_WithMeterUrl_MeasuresThroughTheSidecarWithSensorJoules()
    {
        var manifest = Path.Combine(_work.FullName, "slice.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: energy.energyoperator.io/v1alpha1
            kind: EnergyBenchmark
            metadata: { name: via-sidecar }
            spec:
              dataset: { builtin: spam-assassin, limit: 300 }
              models: [ { name: lr, classic: { hashBits: 14, epochs: 3 } } ]
              runtime: { batchSizes: [1], minWindowSeconds: 1 }
            """);

        var (exit, output, error) = await EnergyctlProcess.RunAsync(RepositoryPaths.Root, "run", "-f", manifest, "--out", _work.FullName, "--output", "json", "--meter-url", _url.ToString());

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var run = Assert.Single(JsonSerializer.Deserialize(output, ContractsJsonContext.Default.BenchmarkReport)!.Runs);
        var package = Assert.Single(run.Energy!.Readings, r => r.Domain == "cpu-package");
        Assert.Equal("rapl", package.Source);
        Assert.Equal(EnergyMethod.Counter, package.Method);
        Assert.False(run.Energy.Estimated);
        Assert.True(package.Joules > 0);
        // The fake package draws 20 W; sampling and file replacement jitter keep it near, not exactly at, that figure. A
        // window of a second or more spans many counter steps even on a loaded machine (a shorter one could see none).
        Assert.InRange(package.AverageWatts, 10, 30);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _counter;
        if (!_sidecar.HasExited)
        {
            _sidecar.Kill();
        }

        await _sidecar.WaitForExitAsync();
        _sidecar.Dispose();
        _powercap.Dispose();
        _work.Delete(recursive: true);
    }

    private async Task AdvanceCounterAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            // 20 W: 20,000,000 µJ per second of elapsed time.
            _powercap.SetEnergy(FakePowercapTree.Package, (ulong)(Stopwatch.GetElapsedTime(started).TotalSeconds * 20_000_000));
            try
            {
                await Task.Delay(5, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

}
