using System.Diagnostics;
using System.Text.Json.Nodes;
using EnergyOperator.Contracts.Schema;

namespace EnergyOperator.Contracts.Tests.Schema;

/// <summary>Runs only where kubectl is on PATH; elsewhere xunit reports it skipped, with the reason.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (KubectlTests.KubectlPath is null)
        {
            Skip = "kubectl is not on PATH: install it to check that kustomize renders the committed CRD.";
        }
    }
}

public sealed class KubectlTests
{
    internal static string? KubectlPath { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "kubectl"))
        .FirstOrDefault(File.Exists);

    [KubectlFact]
    public async Task Kustomize_RendersTheCommittedCrdUnchanged()
    {
        var directory = Directory.CreateTempSubdirectory("energy-crd-");
        try
        {
            // kustomize reads only files inside the kustomization's directory (its default load restrictor).
            File.Copy(Path.Combine(Crd.RepositoryRoot, CrdFiles.RelativePaths[0]), Path.Combine(directory.FullName, CrdFiles.FileName));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "kustomization.yaml"), $"resources:\n- {CrdFiles.FileName}\n");

            var rendered = Assert.Single(Crd.ParseYaml(await KubectlAsync("kustomize", directory.FullName)));

            Assert.Equal("apiextensions.k8s.io/v1", (string?)rendered!["apiVersion"]);
            Assert.Equal("CustomResourceDefinition", (string?)rendered["kind"]);
            Assert.True(JsonNode.DeepEquals(Crd.Document, rendered), "kustomize changed the CRD while rendering it");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> KubectlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(KubectlPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
