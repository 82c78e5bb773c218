using System.CommandLine;
using EnergyOperator.Cli.Output;
using EnergyOperator.Contracts.Schema;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl crd [--write]</c>: prints the EnergyBenchmark CRD generated from the contract types, or rewrites the committed copies
/// (a test fails when they drift from the types).
/// </summary>
internal static class CrdCommand
{
    public static Command Create()
    {
        var write = new Option<bool>("--write")
        {
            Description = $"Rewrite {string.Join(" and ", CrdFiles.RelativePaths)} in the repository around the current directory.",
        };
        var command = new Command("crd", "Print the EnergyBenchmark CustomResourceDefinition generated from the contract types.") { write };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var yaml = EnergyBenchmarkCrd.ToYaml();
            if (!parse.GetValue(write))
            {
                await parse.InvocationConfiguration.Output.WriteAsync(yaml);
                return ExitCodes.Success;
            }

            if (CrdFiles.FindRepositoryRoot(Environment.CurrentDirectory) is not { } root)
            {
                ErrorOutput.Write(parse, $"--write: no EnergyOperator.sln at or above {Environment.CurrentDirectory}; run it inside the repository");
                return ExitCodes.InvalidInput;
            }

            foreach (var path in await CrdFiles.WriteAsync(root, yaml, cancellationToken))
            {
                parse.InvocationConfiguration.Output.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
