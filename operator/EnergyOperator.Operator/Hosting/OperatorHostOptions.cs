namespace EnergyOperator.Operator.Hosting;

/// <summary>The operator host's own settings (section <c>EnergyOperator</c>, see docs/operator-config.md).</summary>
public sealed class OperatorHostOptions
{
    /// <summary>Comma-separated namespaces to watch; empty watches every namespace (a ClusterRole is then needed).</summary>
    public string WatchNamespaces { get; set; } = "";

    /// <summary>Also serve .NET process and runtime metrics (CPU, memory, GC, threads) on <c>/metrics</c>. Default false.</summary>
    public bool ProcessMetrics { get; set; }

    /// <summary>One entry per watched namespace; a single null means all namespaces.</summary>
    public IReadOnlyList<string?> Namespaces()
    {
        var names = WatchNamespaces.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0 ? [null] : [.. names.Distinct(StringComparer.Ordinal)];
    }
}
