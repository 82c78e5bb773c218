using System.Diagnostics;
using System.Text;

namespace EnergyOperator.Kubernetes.Testing.Kubelet;

/// <summary>One container as a local process: its output goes to a log file, and the tail is kept for termination messages.</summary>
internal sealed class ContainerProcess : IDisposable
{
    /// <summary>What a kubelet falls back to when a failed container left no termination message: the log's last 2 KiB.</summary>
    private const int TailLimit = 2048;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly StringBuilder _tail = new();
    private readonly Lock _gate = new();

    private ContainerProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
        StartedAt = DateTimeOffset.UtcNow;
        Exited = WaitForExitAsync();
    }

    public string Name { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes with the exit code (128 + signal for a killed process) once the process and its output have ended.</summary>
    public Task<int> Exited { get; }

    public static ContainerProcess Start(string name, ImageMapping image, IReadOnlyDictionary<string, string> environment, string workingDirectory, string logPath)
    {
        var start = new ProcessStartInfo(image.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in image.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Started before the log is opened: a program that cannot start leaves nothing to clean up.
        var process = Process.Start(start)!;
        var container = new ContainerProcess(name, process, new StreamWriter(logPath, append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, line) => container.Append(line.Data);
        process.ErrorDataReceived += (_, line) => container.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return container;
    }

    /// <summary>The last <see cref="TailLimit"/> characters of output.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return _tail.ToString();
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>; the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod)
    {
        if (!Exited.IsCompleted)
        {
            Signals.Terminate(_process.Id);
            try
            {
                await Exited.WaitAsync(gracePeriod).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Kill();
            }
        }

        return await Exited.ConfigureAwait(false);
    }

    /// <summary>SIGKILL now; false when it had already exited.</summary>
    public bool Kill()
    {
        if (Exited.IsCompleted)
        {
            return false;
        }

        try
        {
            _process.Kill();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
            _tail.AppendLine(line);
            if (_tail.Length > TailLimit)
            {
                _tail.Remove(0, _tail.Length - TailLimit);
            }
        }
    }
}
