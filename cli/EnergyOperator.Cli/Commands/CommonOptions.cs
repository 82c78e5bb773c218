using System.CommandLine;

namespace EnergyOperator.Cli.Commands;

internal static class CommonOptions
{
    public static Option<FileInfo> ManifestFile() => new("--file", "-f")
    {
        Description = "EnergyBenchmark manifest (YAML or JSON).",
        Required = true,
    };
}
