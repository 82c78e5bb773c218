using System.CommandLine;
using EnergyOperator.Contracts.Validation;

namespace EnergyOperator.Cli.Output;

internal static class ErrorOutput
{
    /// <summary>One line per problem, each naming the file, line and field: no stack traces for bad input.</summary>
    public static void Write(ParseResult parse, ManifestException error)
    {
        foreach (var problem in error.Problems)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {error.ManifestPath}: {problem}");
        }
    }

    public static void Write(ParseResult parse, string message) =>
        parse.InvocationConfiguration.Error.WriteLine($"error: {message}");
}
