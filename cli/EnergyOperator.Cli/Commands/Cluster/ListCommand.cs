using System.CommandLine;
using System.Globalization;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Cli.Commands.Cluster;

/// <summary><c>energyctl list</c>: the namespace's benchmarks, one line each, as <c>kubectl get</c> would print them.</summary>
internal static class ListCommand
{
    private static readonly string[] Header = ["NAME", "PHASE", "RUNS", "BEST ACCURACY", "JOULES", "AGE"];

    public static Command Create()
    {
        var cluster = new ClusterOptions();
        var command = new Command("list", "List the cluster benchmarks of a namespace.");
        cluster.AddTo(command);
        command.SetAction((parse, cancellationToken) => ClusterCommand.RunAsync(parse, cluster, async connection =>
        {
            var benchmarks = (await connection.Benchmarks.ListAllAsync(cancellationToken: cancellationToken)).Items;
            if (benchmarks.Count == 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No energybenchmarks in namespace {connection.Namespace}.");
                return ExitCodes.Success;
            }

            var now = DateTimeOffset.UtcNow;
            var rows = benchmarks.Select(b => Row(b, now)).Prepend(Header).ToList();
            var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToList();
            foreach (var row in rows)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    string.Join("   ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }

            if (benchmarks.Any(b => b.Status?.Summary?.Estimated == true))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(EstimatedEnergy.Note);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string[] Row(EnergyBenchmark benchmark, DateTimeOffset now)
    {
        var status = benchmark.Status;
        return
        [
            benchmark.Metadata.Name ?? "",
            status?.Phase ?? BenchmarkPhases.Pending,
            $"{status?.RunsDone ?? 0}/{status?.RunsTotal ?? 0}",
            status?.BestAccuracy?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-",
            status?.TotalJoules is { } joules
                ? EstimatedEnergy.Mark(status.Summary?.Estimated == true) + joules.ToString("0.##", CultureInfo.InvariantCulture)
                : "-",
            benchmark.Metadata.CreationTimestamp is { } created ? Age(now - created) : "-",
        ];
    }

    /// <summary>kubectl's short ages: <c>45s</c>, <c>12m</c>, <c>5h</c>, <c>3d</c>.</summary>
    internal static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)age.TotalSeconds)}s",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes}m",
        { TotalDays: < 2 } => $"{(int)age.TotalHours}h",
        _ => $"{(int)age.TotalDays}d",
    };
}
