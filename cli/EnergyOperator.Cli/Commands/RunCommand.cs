using System.CommandLine;
using EnergyOperator.Cli.Output;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.Planning;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Runner.Execution;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EnergyOperator.Cli.Commands;

/// <summary><c>energyctl run -f FILE</c>: benchmarks the manifest's models on this machine, with no cluster.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ManifestFile();
        var output = ReportOptions.Output("What to print on standard output:");
        var outDirectory = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory the reports are written to: <benchmark>.json, .csv, .md and .svg.",
            DefaultValueFactory = _ => new DirectoryInfo("results"),
        };
        var ortLibrary = new Option<FileInfo?>("--ort-library")
        {
            Description = "ONNX Runtime shared library (default: ENERGY_ORT_LIBRARY, then the one next to energyctl).",
        };
        var datasets = new Option<DirectoryInfo?>("--datasets-dir")
        {
            Description = "Root of the built-in datasets (default: ENERGY_DATASETS_DIR, then deps/ fetched by scripts/bootstrap.sh).",
        };
        var meterUrl = new Option<Uri?>("--meter-url")
        {
            Description = "Measure through a running meter sidecar (energy-meter) at this URL instead of in-process; waits up to 10 s for it to be ready.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"--meter-url: '{text}' is not an http(s) URL such as http://127.0.0.1:9464");
                return null;
            },
        };
        var predictions = new Option<FileInfo?>("--predictions")
        {
            HelpName = "file",
            Description = "Also write every run's per-sample predictions (label, predicted label, class probabilities) to this file as JSON lines.",
        };
        var hardware = new Option<string[]>("--hardware")
        {
            HelpName = "target",
            Description = "Run only these spec.hardware targets (the cpu half of a study on a machine without a GPU); energyctl report --merge joins the parts.",
            AllowMultipleArgumentsPerToken = true,
        };
        var ortProfile = new Option<DirectoryInfo?>("--ort-profile")
        {
            HelpName = "dir",
            Description = "Write ONNX Runtime's profile of every session to this directory (Chrome trace JSON: each node's time per run), to see where a model's time goes. It slows the runs: their figures are not measurements.",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log what the runner does to standard error." };

        var command = new Command("run", "Benchmark the manifest's models on this machine: accuracy and joules per run.")
        {
            file, output, outDirectory, predictions, hardware, ortLibrary, datasets, meterUrl, ortProfile, verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse,
            parse.GetRequiredValue(file),
            parse.GetValue(output),
            parse.GetRequiredValue(outDirectory),
            parse.GetValue(predictions),
            parse.GetValue(hardware) ?? [],
            new RunnerOptions
            {
                OrtLibraryPath = parse.GetValue(ortLibrary)?.FullName,
                DatasetsDirectory = parse.GetValue(datasets)?.FullName,
                MeterUrl = parse.GetValue(meterUrl),
                MeterReadyTimeout = TimeSpan.FromSeconds(10),
                OrtProfileDirectory = parse.GetValue(ortProfile)?.FullName,
            },
            parse.GetValue(verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, FileInfo file, OutputFormat format, DirectoryInfo outDirectory, FileInfo? predictionsFile, string[] hardware, RunnerOptions options,
        bool verbose, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            builder.AddSimpleConsole(console => console.SingleLine = true);
            builder.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });

        try
        {
            var benchmarks = await ManifestReader.ReadFileAsync(file.FullName, cancellationToken);
            if (benchmarks.Count > 1)
            {
                // A later benchmark's bad dataset would otherwise exit 2 after the first one's reports were written.
                ErrorOutput.Write(parse, $"{file.Name}: holds {benchmarks.Count} EnergyBenchmarks; run takes one per file, so that bad input writes nothing");
                return ExitCodes.InvalidInput;
            }

            var benchmark = benchmarks[0];
            if (hardware.Length > 0)
            {
                if (HardwareSelection.Apply(benchmark, hardware) is not { } selected)
                {
                    var known = benchmark.Spec.Hardware.Select(target => target.Name).ToList();
                    ErrorOutput.Write(parse, known.Count == 0
                        ? $"--hardware: {file.Name} lists no spec.hardware targets to choose from; leave --hardware out"
                        : $"--hardware: choose among {string.Join(", ", known)} (got {string.Join(", ", hardware)})");
                    return ExitCodes.InvalidInput;
                }

                if (RunPlanner.Expand(selected).Count == 0)
                {
                    ErrorOutput.Write(parse, $"--hardware: no model of {file.Name} runs on {string.Join(", ", hardware)} (see each model's hardware list)");
                    return ExitCodes.InvalidInput;
                }

                benchmark = selected;
            }

            try
            {
                // Before measuring: a report that cannot be written would cost the whole run.
                outDirectory.Create();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ErrorOutput.Write(parse, $"--out {outDirectory}: cannot be created ({e.Message}); pick a writable directory");
                return ExitCodes.InvalidInput;
            }

            PredictionWriter? predictions;
            try
            {
                predictions = predictionsFile is null ? null : PredictionWriter.Create(predictionsFile.FullName, "--predictions");
            }
            catch (BenchmarkInputException e)
            {
                ErrorOutput.Write(parse, e.Message);
                return ExitCodes.InvalidInput;
            }

            await using var predictionsScope = predictions;
            var runner = new LocalBenchmarkRunner(options, loggerFactory);
            var report = format == OutputFormat.Table
                ? await ResultTable.WithProgressAsync(progress => runner.RunAsync(benchmark, predictions, progress, cancellationToken))
                : await runner.RunAsync(benchmark, predictions, progress: null, cancellationToken);
            var view = BenchmarkView.FromReport(report);
            var paths = await ReportFiles.WriteAllAsync(view, outDirectory, cancellationToken);
            await ReportOutput.WriteAsync(parse, view, format);
            if (format == OutputFormat.Table)
            {
                AnsiConsole.MarkupLineInterpolated($"[grey]reports: {string.Join(", ", paths)}[/]");
            }

            return report.Summary.RunsFailed > 0 ? ExitCodes.RunFailed : ExitCodes.Success;
        }
        catch (ManifestException e)
        {
            ErrorOutput.Write(parse, e);
            return ExitCodes.InvalidInput;
        }
        catch (BenchmarkInputException e)
        {
            ErrorOutput.Write(parse, $"{file.Name}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
