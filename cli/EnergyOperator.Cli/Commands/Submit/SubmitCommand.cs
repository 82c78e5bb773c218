using System.CommandLine;
using EnergyOperator.Cli.Commands.Cluster;
using EnergyOperator.Cli.Output;
using EnergyOperator.Cli.Reports;
using EnergyOperator.Contracts.Manifests;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Contracts.Validation;
using EnergyOperator.Kubernetes.Errors;

namespace EnergyOperator.Cli.Commands.Submit;

/// <summary>
/// <c>energyctl submit -f FILE [--wait] [--gate-…]</c>: validates the manifest here, creates the EnergyBenchmark on the cluster and,
/// with <c>--wait</c>, follows it to the end, prints the result and applies the quality gates (docs/pipelines.md).
/// </summary>
internal static class SubmitCommand
{
    private const int ReplaceAttempts = 3;

    public static Command Create()
    {
        var file = CommonOptions.ManifestFile();
        var cluster = new ClusterOptions();
        var wait = new Option<bool>("--wait")
        {
            Description = "Wait until every run has finished (or the spec is found invalid), with progress on standard error; then print the result and apply the gates.",
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long --wait waits: 90s, 30m, 1h, 1h30m. Past it energyctl exits 3; the benchmark keeps running.",
            HelpName = "duration",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
            CustomParser = Duration.Parser("--timeout"),
        };
        var output = ReportOptions.Output("What to print on standard output once the benchmark is done:");
        var outDirectory = ReportOptions.OutDirectory();
        var minAccuracy = Gate("--gate-min-accuracy", "Fail (exit 1) unless some configuration reaches this accuracy (0 to 1).", max: 1);
        var maxJoules = Gate("--gate-max-joules-per-sample", "Fail unless some configuration meeting the other gates spends at most this many joules per sample.");
        var maxWh = Gate("--gate-max-wh-per-1k", "Fail unless some configuration meeting the other gates spends at most this many Wh per 1,000 samples.");
        var replace = new Option<bool>("--replace")
        {
            Description = "When a benchmark of this name exists, replace its spec (keeping its resourceVersion) instead of failing.",
        };

        var command = new Command("submit", "Create an EnergyBenchmark on the cluster; with --wait, follow it and gate on its result.")
        {
            file, wait, timeout, output, outDirectory, minAccuracy, maxJoules, maxWh, replace,
        };
        cluster.AddTo(command);
        command.Validators.Add(result =>
        {
            var gated = result.GetValue(minAccuracy) is not null || result.GetValue(maxJoules) is not null || result.GetValue(maxWh) is not null;
            if ((gated || result.GetValue(outDirectory) is not null) && !result.GetValue(wait))
            {
                result.AddError("--gate-… and --out judge or write the finished result: add --wait");
            }
        });
        command.SetAction((parse, cancellationToken) => SubmitAsync(
            parse,
            cluster,
            parse.GetRequiredValue(file),
            new SubmitSettings(
                parse.GetValue(wait),
                parse.GetValue(timeout),
                parse.GetValue(replace),
                parse.GetValue(output),
                parse.GetValue(outDirectory),
                new QualityGates(parse.GetValue(minAccuracy), parse.GetValue(maxJoules), parse.GetValue(maxWh))),
            cancellationToken));
        return command;
    }

    private static async Task<int> SubmitAsync(ParseResult parse, ClusterOptions cluster, FileInfo file, SubmitSettings settings, CancellationToken cancellationToken)
    {
        EnergyBenchmark benchmark;
        try
        {
            var benchmarks = await ManifestReader.ReadFileAsync(file.FullName, cancellationToken);
            if (benchmarks.Count > 1)
            {
                ErrorOutput.Write(parse, $"{file.Name}: holds {benchmarks.Count} EnergyBenchmarks; submit takes one per file so that its result and exit code are unambiguous");
                return ExitCodes.InvalidInput;
            }

            benchmark = benchmarks[0];
        }
        catch (ManifestException e)
        {
            ErrorOutput.Write(parse, e);
            return ExitCodes.InvalidInput;
        }

        return await ClusterCommand.RunAsync(parse, cluster, async connection =>
        {
            benchmark.Metadata.NamespaceProperty = connection.Namespace;
            var (submitted, verb) = await CreateOrReplaceAsync(connection, benchmark, settings.Replace, cancellationToken);
            var name = submitted.Metadata.Name!;
            parse.InvocationConfiguration.Error.WriteLine($"energybenchmark/{name} {verb} in namespace {connection.Namespace}");
            if (!settings.Wait)
            {
                return ExitCodes.Success;
            }

            var waiter = new BenchmarkWaiter(connection.Benchmarks, parse.InvocationConfiguration.Error, TimeProvider.System);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.Timeout);
            EnergyBenchmark? settled;
            try
            {
                settled = await waiter.WaitAsync(name, submitted.Metadata.Generation, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                ErrorOutput.Write(parse,
                    $"timed out after {settings.Timeout} waiting for energybenchmark/{name} ({waiter.LastProgress}); it keeps running: energyctl get {name}");
                return ExitCodes.Timeout;
            }

            if (settled is null)
            {
                ErrorOutput.Write(parse, $"energybenchmark/{name} was deleted before it finished");
                return ExitCodes.ClusterUnavailable;
            }

            return await ConcludeAsync(parse, settled, settings, cancellationToken);
        }, benchmark.Metadata.NamespaceProperty);
    }

    private static async Task<(EnergyBenchmark Submitted, string Verb)> CreateOrReplaceAsync(
        ClusterConnection connection, EnergyBenchmark benchmark, bool replace, CancellationToken cancellationToken)
    {
        try
        {
            return (await connection.Benchmarks.CreateAsync(benchmark, cancellationToken), "created");
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists && !replace)
        {
            throw new InvalidInputException(
                $"energybenchmark \"{benchmark.Metadata.Name}\" already exists in namespace \"{connection.Namespace}\": " +
                "pass --replace to replace its spec, or give metadata.name a new name");
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            for (var attempt = 1; ; attempt++)
            {
                // Keep the stored metadata, resourceVersion included, so that a concurrent writer makes this fail with 409, not vanish.
                var existing = await connection.Benchmarks.GetAsync(benchmark.Metadata.Name!, cancellationToken);
                try
                {
                    return (await connection.Benchmarks.ReplaceAsync(existing with { Spec = benchmark.Spec }, cancellationToken), "replaced");
                }
                catch (KubernetesApiException conflict) when (conflict.IsConflict && attempt < ReplaceAttempts)
                {
                }
            }
        }
    }

    private static async Task<int> ConcludeAsync(ParseResult parse, EnergyBenchmark benchmark, SubmitSettings settings, CancellationToken cancellationToken)
    {
        var name = benchmark.Metadata.Name;
        var error = parse.InvocationConfiguration.Error;
        if (BenchmarkState.IsTrue(benchmark, BenchmarkConditions.Invalid))
        {
            ErrorOutput.Write(parse, $"energybenchmark/{name} is invalid: {BenchmarkState.Message(benchmark, BenchmarkConditions.Invalid)}");
            return ExitCodes.InvalidInput;
        }

        var view = BenchmarkView.FromCluster(benchmark);
        if (settings.OutDirectory is { } directory)
        {
            var paths = await ReportFiles.WriteAllAsync(view, directory, cancellationToken);
            await error.WriteLineAsync($"reports: {string.Join(", ", paths)}");
        }

        await ReportOutput.WriteAsync(parse, view, settings.Format);
        var exitCode = ExitCodes.Success;
        if (view.Summary.RunsFailed > 0)
        {
            var message = BenchmarkState.Message(benchmark, BenchmarkConditions.Failed) ?? $"{view.Summary.RunsFailed} of {view.RunsTotal} runs failed";
            await error.WriteLineAsync($"runs failed: {message}");
            exitCode = ExitCodes.RunFailed;
        }

        if (!settings.Gates.IsEmpty)
        {
            var verdict = settings.Gates.Evaluate(view.Summary);
            await error.WriteLineAsync(verdict.Message);
            exitCode = verdict.Passed ? exitCode : ExitCodes.RunFailed;
        }

        return exitCode;
    }

    private static Option<double?> Gate(string name, string description, double max = double.MaxValue)
    {
        var option = new Option<double?>(name) { Description = description, HelpName = "number" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && (value < 0 || value > max || double.IsNaN(value)))
            {
                result.AddError($"{name}: {value} is out of range (0 to {(max == double.MaxValue ? "any positive number" : max)})");
            }
        });
        return option;
    }

    private sealed record SubmitSettings(bool Wait, TimeSpan Timeout, bool Replace, OutputFormat Format, DirectoryInfo? OutDirectory, QualityGates Gates);
}
