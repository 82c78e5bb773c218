using EnergyOperator.Contracts.V1Alpha1;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl run --hardware</c>: the benchmark with only the named targets, so its runs keep the names, digests and split
/// they have in the whole benchmark and the parts can be merged into one report.
/// </summary>
internal static class HardwareSelection
{
    /// <returns>Null when a name is not one of <c>spec.hardware</c>'s.</returns>
    public static EnergyBenchmark? Apply(EnergyBenchmark benchmark, IReadOnlyCollection<string> names)
    {
        var targets = benchmark.Spec.Hardware;
        if (names.Any(name => targets.All(target => target.Name != name)))
        {
            return null;
        }

        return benchmark with { Spec = benchmark.Spec with { Hardware = [.. targets.Where(target => names.Contains(target.Name))] } };
    }
}
