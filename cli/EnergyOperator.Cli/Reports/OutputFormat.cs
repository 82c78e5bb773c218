namespace EnergyOperator.Cli.Reports;

/// <summary>What a command prints on standard output.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Markdown,
}
