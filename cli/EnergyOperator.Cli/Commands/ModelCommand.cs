using System.CommandLine;
using System.Globalization;
using EnergyOperator.Cli.Output;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Onnx.Export;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl model make-decoder --out DIR</c>: writes a random-weight GPT-2-shaped decoder with a KV cache (model.onnx and
/// provenance.json) for generation grids on a machine without PyTorch. It predicts nothing: reports of it say "energy only".
/// </summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var defaults = new DecoderArchitecture();
        var outDirectory = new Option<DirectoryInfo>("--out") { HelpName = "dir", Description = "Directory to write model.onnx and provenance.json into.", Required = true };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => defaults.Layers };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => defaults.Heads };
        var hidden = new Option<int>("--hidden") { Description = "Width (a multiple of --heads).", DefaultValueFactory = _ => defaults.HiddenSize };
        var maxPositions = new Option<int>("--max-positions") { Description = "Context length: prompt + new tokens of a grid cell.", DefaultValueFactory = _ => defaults.MaxPositions };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => defaults.Seed };
        var makeDecoder = new Command(
            "make-decoder",
            "Write a random-weight GPT-2-shaped decoder with a KV cache and GPT-2's vocabulary (energy only: it predicts nothing).")
        {
            outDirectory, layers, heads, hidden, maxPositions, seed,
        };
        makeDecoder.SetAction((parse, cancellationToken) => MakeDecoderAsync(
            parse,
            parse.GetRequiredValue(outDirectory),
            new DecoderArchitecture
            {
                Layers = parse.GetValue(layers),
                Heads = parse.GetValue(heads),
                HiddenSize = parse.GetValue(hidden),
                MaxPositions = parse.GetValue(maxPositions),
                Seed = parse.GetValue(seed),
            },
            cancellationToken));
        return new Command("model", "Make models for benchmarks.") { makeDecoder };
    }

    private static async Task<int> MakeDecoderAsync(ParseResult parse, DirectoryInfo directory, DecoderArchitecture architecture, CancellationToken cancellationToken)
    {
        if (architecture.FindProblem() is { } problem)
        {
            ErrorOutput.Write(parse, $"{problem}: see 'energyctl model make-decoder --help'");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var provenance = await RandomDecoderDirectory.WriteAsync(architecture, directory.FullName, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {Path.Combine(directory.FullName, RandomDecoderDirectory.ModelFileName)}: {provenance.Parameters:N0} parameters, {architecture.Layers} layers, width {architecture.HiddenSize}, {architecture.MaxPositions} positions, random weights (energy only)"));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ErrorOutput.Write(parse, $"--out {directory}: cannot be written ({e.Message}); pick a writable directory");
            return ExitCodes.InvalidInput;
        }
    }
}
