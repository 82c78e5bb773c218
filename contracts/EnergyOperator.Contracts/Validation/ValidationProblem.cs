namespace EnergyOperator.Contracts.Validation;

/// <summary>One thing wrong with a manifest: the field's path (as in the YAML) and what to do.</summary>
public sealed record ValidationProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A manifest that cannot run; carries every problem found, not just the first.</summary>
public sealed class ManifestException(string source, IReadOnlyList<ValidationProblem> problems)
    : Exception($"{source}: {string.Join("; ", problems)}")
{
    public string ManifestPath { get; } = source;
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
