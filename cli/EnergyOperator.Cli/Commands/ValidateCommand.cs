using System.CommandLine;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Cli.Output;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Cli.Commands;

/// <summary><c>energyctl validate -f FILE</c>: checks a manifest and lists the runs it expands to, without running anything.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ManifestFile();
        var command = new Command("validate", "Check a manifest and list the runs it expands to.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                foreach (var benchmark in await ManifestReader.ReadFileAsync(parse.GetRequiredValue(file).FullName, cancellationToken))
                {
                    var runs = RunPlanner.Expand(benchmark);
                    parse.InvocationConfiguration.Output.WriteLine($"{benchmark.Metadata.Name}: valid, {runs.Count} run(s)");
                    foreach (var run in runs)
                    {
                        parse.InvocationConfiguration.Output.WriteLine($"  {run.Name}");
                    }
                }

                return ExitCodes.Success;
            }
            catch (ManifestException e)
            {
                ErrorOutput.Write(parse, e);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
