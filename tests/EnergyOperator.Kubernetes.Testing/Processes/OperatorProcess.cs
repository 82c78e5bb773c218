using System.Diagnostics;
using EnergyOperator.Testing;
namespace EnergyOperator.Kubernetes.Testing.Processes;

/// <summary>
/// The real <c>energy-operator</c> binary (<c>energy-operator.dll</c> next to the test binaries: reference the operator project),
/// run as a process against the API server double through a kubeconfig.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _work;
    private readonly List<string> _output = [];

    private OperatorProcess(Process process, DirectoryInfo work, Uri url)
    {
        _process = process;
        _work = work;
        Url = url;
    }

    public Uri Url { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<OperatorProcess> StartAsync(ApiServerDouble server, IReadOnlyDictionary<string, string>? settings = null)
    {
        var work = Directory.CreateTempSubdirectory("operator-");
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "energy-operator.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KUBECONFIG"] = await server.WriteKubeConfigAsync(Path.Combine(work.FullName, "kubeconfig"));
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["POD_NAMESPACE"] = "default";
        start.Environment["POD_NAME"] = "energy-operator-test";
        start.Environment["EnergyOperator__RunnerImage"] = "energy-runner:test";
        start.Environment["EnergyOperator__MeterImage"] = "energy-meter:test";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var operatorProcess = new OperatorProcess(Process.Start(start)!, work, url);
        operatorProcess.DrainOutput();
        return operatorProcess;
    }

    /// <summary>What the operator wrote to standard output and error (JSON log lines).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the exit and for its output to be read to the end.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    public int ExitCode => _process.ExitCode;

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                if ((await Http.GetAsync(new Uri(Url, "/readyz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the operator was not ready within {timeout}");
    }

    /// <summary>SIGTERM, as the kubelet sends on pod deletion, then the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
        _work.Delete(recursive: true);
    }

    // Drained so a chatty process never blocks on a full pipe; kept for failure messages.
    private void DrainOutput()
    {
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_output)
                {
                    _output.Add(e.Data);
                }
            }
        };
        _process.OutputDataReceived += keep;
        _process.ErrorDataReceived += keep;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

}
