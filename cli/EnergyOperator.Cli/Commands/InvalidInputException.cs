namespace EnergyOperator.Cli.Commands;

/// <summary>Options or input that contradict each other or the cluster; the message says what to change (exit code 2).</summary>
internal sealed class InvalidInputException(string message) : Exception(message);
