namespace EnergyOperator.Cli.Reports;

/// <summary>How every format marks energy that no sensor measured, so an estimate is never read as a measurement.</summary>
internal static class EstimatedEnergy
{
    public const string Marker = "~";

    public const string Note = "~ estimated: no energy sensor measured these figures (process CPU time × watts per core), see docs/results.md";

    public static string Mark(bool estimated) => estimated ? Marker : "";
}
