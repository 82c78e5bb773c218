namespace EnergyOperator.Runner.Data;

/// <summary>Formats errors about a place in a dataset file consistently: file, line, problem and fix.</summary>
internal static class DatasetFileError
{
    public static InvalidDataException At(string path, int line, string problem) =>
        new($"{path}, line {line}: {problem}");
}
