using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Reports;

/// <summary>The meters behind a run's joules, e.g. <c>rapl:cpu-package</c>: once per source and domain, since several devices share one.</summary>
internal static class EnergySources
{
    public static IEnumerable<string> Of(RunEnergy energy) => energy.Readings.Select(r => $"{r.Source}:{r.Domain}").Distinct();
}
