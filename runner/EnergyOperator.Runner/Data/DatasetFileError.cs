using EnergyOperator.Contracts.IO;

namespace EnergyOperator.Runner.Data;

/// <summary>Formats errors about a place in a dataset file consistently: file, line, problem and fix.</summary>
internal static class DatasetFileError
{
    public static InvalidDataException At(string path, int line, string problem) =>
        new($"{path}, line {line}: {problem}");

    /// <summary>The file as bounded, strict UTF-8 text (<see cref="BoundedTextFile"/>); every problem names the file.</summary>
    /// <param name="what">What the file is, for the message: <c>dataset</c>, <c>vocabulary</c>.</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">A directory, too large, unreadable or not UTF-8.</exception>
    public static async Task<string> ReadTextAsync(string path, long maxBytes, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await BoundedTextFile.ReadAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"The {what} file '{path}' does not exist; check its path.", path, e);
        }
        catch (TextFileException e)
        {
            throw e.Line is { } line ? At(path, line, e.Problem) : new InvalidDataException($"{path} {e.Problem}", e);
        }
    }
}
