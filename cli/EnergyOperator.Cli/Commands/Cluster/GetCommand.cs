using System.CommandLine;
using EnergyOperator.Cli.Reports;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary><c>energyctl get NAME</c>: a cluster benchmark's result so far, printed and, with <c>--out</c>, written as reports.</summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The EnergyBenchmark's name." };
        var cluster = new ClusterOptions();
        var output = ReportOptions.Output("What to print on standard output:");
        var outDirectory = ReportOptions.OutDirectory();
        var command = new Command("get", "Show a cluster benchmark's status and results.") { name, output, outDirectory };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => ClusterCommand.RunAsync(parse, cluster, async connection =>
        {
            var view = BenchmarkView.FromCluster(await connection.Benchmarks.GetAsync(parse.GetRequiredValue(name), cancellationToken));
            if (parse.GetValue(outDirectory) is { } directory)
            {
                var paths = await ReportFiles.WriteAllAsync(view, directory, cancellationToken);
                await parse.InvocationConfiguration.Error.WriteLineAsync($"reports: {string.Join(", ", paths)}");
            }

            await ReportOutput.WriteAsync(parse, view, parse.GetValue(output));
            return ExitCodes.Success;
        }));
        return command;
    }
}
