namespace EnergyOperator.Testing;

public static class RepositoryPaths
{
    /// <summary>The checkout the tests were built from: the first directory above the test binaries holding EnergyOperator.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EnergyOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EnergyOperator.sln not found above the test binaries");
    }
}
