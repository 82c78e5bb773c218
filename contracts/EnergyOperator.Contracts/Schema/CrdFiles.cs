namespace EnergyOperator.Contracts.Schema;

/// <summary>Where the generated CRD is committed: once for <c>kubectl apply -f crds/</c>, once inside the Helm chart.</summary>
public static class CrdFiles
{
    public const string FileName = $"{V1Alpha1.EnergyBenchmark.Group}_{V1Alpha1.EnergyBenchmark.Plural}.yaml";

    private const string SolutionFile = "EnergyOperator.sln";

    /// <summary>Paths relative to the repository root, with '/' separators.</summary>
    public static IReadOnlyList<string> RelativePaths { get; } = [$"crds/{FileName}", $"charts/energy-operator/crds/{FileName}"];

    /// <summary>The nearest directory at or above <paramref name="startDirectory"/> holding EnergyOperator.sln; null outside the repository.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>Writes <paramref name="yaml"/> to every committed copy under <paramref name="repositoryRoot"/>; returns the full paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string repositoryRoot, string yaml, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var relative in RelativePaths)
        {
            var path = Path.Combine(repositoryRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, yaml, cancellationToken);
            written.Add(path);
        }

        return written;
    }
}
