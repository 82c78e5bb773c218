using System.Collections.Concurrent;
using System.Diagnostics;

namespace EnergyOperator.Install.Tests.Kustomize;

/// <summary>Runs only where kubectl is on PATH; elsewhere xunit reports it skipped, with the reason.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH: install it to check that the kustomize configurations render.";
        }
    }
}

internal static class Kubectl
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Renders = new(StringComparer.Ordinal);

    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => System.IO.Path.Combine(directory, "kubectl"))
        .FirstOrDefault(File.Exists);

    /// <summary><c>kubectl kustomize</c> of a folder relative to the repository root, run once per folder per test run.</summary>
    public static Task<string> KustomizeAsync(string relativeDirectory) =>
        Renders.GetOrAdd(relativeDirectory, d => new Lazy<Task<string>>(() => RunAsync("kustomize", Repository.PathOf(d)))).Value;

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
    }
}
