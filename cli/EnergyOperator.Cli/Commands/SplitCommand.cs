using System.CommandLine;
using EnergyOperator.Cli.Output;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Runner.Execution;

namespace EnergyOperator.Cli.Commands;

/// <summary>
/// <c>energyctl split -f FILE --out SPLIT.jsonl</c>: writes the train/test split the manifest's runs use, so that a model can be
/// trained elsewhere on exactly its training texts (docs/study.md).
/// </summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ManifestFile();
        var output = new Option<FileInfo>("--out")
        {
            HelpName = "file",
            Description = "JSON lines file to write: one {partition, position, sample, label, text} per text, train then test.",
            Required = true,
        };
        var datasets = new Option<DirectoryInfo?>("--datasets-dir")
        {
            Description = "Root of the built-in datasets (default: ENERGY_DATASETS_DIR, then deps/ fetched by scripts/bootstrap.sh).",
        };
        var command = new Command("split", "Write the train/test split a manifest's runs use, with its fingerprint.") { file, output, datasets };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var manifest = parse.GetRequiredValue(file);
            try
            {
                var benchmarks = await ManifestReader.ReadFileAsync(manifest.FullName, cancellationToken);
                if (benchmarks.Count > 1)
                {
                    ErrorOutput.Write(parse, $"{manifest.Name}: holds {benchmarks.Count} EnergyBenchmarks; split takes one per file");
                    return ExitCodes.InvalidInput;
                }

                var target = parse.GetRequiredValue(output);
                var summary = await SplitExporter.WriteAsync(
                    benchmarks[0], new RunnerOptions { DatasetsDirectory = parse.GetValue(datasets)?.FullName }, () => OpenForWriting(target), cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{summary.Dataset}: {summary.TrainSamples} train, {summary.TestSamples} test texts, labels [{string.Join(", ", summary.Labels)}]");
                parse.InvocationConfiguration.Output.WriteLine($"split {summary.Fingerprint}");
                parse.InvocationConfiguration.Output.WriteLine($"written to {target.FullName}");
                return ExitCodes.Success;
            }
            catch (ManifestException e)
            {
                ErrorOutput.Write(parse, e);
                return ExitCodes.InvalidInput;
            }
            catch (BenchmarkInputException e)
            {
                ErrorOutput.Write(parse, $"{manifest.Name}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    private static FileStream OpenForWriting(FileInfo target)
    {
        try
        {
            return new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchmarkInputException("--out", $"'{target.FullName}' cannot be written ({e.Message}); name a file in a writable directory");
        }
    }
}
