using System.CommandLine;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary><c>energyctl delete NAME</c>: deletes a cluster benchmark; its runner pods go with it (they are owned by it).</summary>
internal static class DeleteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The EnergyBenchmark's name." };
        var cluster = new ClusterOptions();
        var command = new Command("delete", "Delete a cluster benchmark and its runner pods.") { name };
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => ClusterCommand.RunAsync(parse, cluster, async connection =>
        {
            var benchmark = parse.GetRequiredValue(name);
            await connection.Benchmarks.DeleteAsync(benchmark, cancellationToken: cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"energybenchmark/{benchmark} deleted from namespace {connection.Namespace}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
