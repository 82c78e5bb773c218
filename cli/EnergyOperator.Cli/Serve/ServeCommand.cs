using System.CommandLine;
using EnergyOperator.Cli.Output;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models.Generative;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace EnergyOperator.Cli.Serve;

/// <summary>
/// <c>energyctl serve --model DIR</c>: the generative engine behind an OpenAI-compatible API, so that a benchmark can drive it
/// (or vLLM, or TGI) over HTTP. Runs until interrupted.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServeOptions { ModelName = "" };
        var model = new Option<DirectoryInfo>("--model") { HelpName = "dir", Description = "Generative model directory: model.onnx and provenance.json (docs/llm.md).", Required = true };
        var name = new Option<string?>("--served-model-name") { Description = "The name requests give in 'model'. Default: the directory's name." };
        var urls = new Option<string>("--urls") { Description = "Where to listen, ';'-separated.", DefaultValueFactory = _ => defaults.Urls };
        var provider = new Option<ExecutionProvider>("--execution-provider") { Description = "cpu or cuda.", DefaultValueFactory = _ => ExecutionProvider.Cpu };
        var tokenizer = new Option<PromptTokenizer>("--tokenizer") { Description = "gpt2, or tokenizer.json (the model directory's).", DefaultValueFactory = _ => PromptTokenizer.Gpt2 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Larger request bodies are refused with 413.", DefaultValueFactory = _ => defaults.MaxRequestBodyBytes };
        var command = new Command("serve", "Serve a generative model over an OpenAI-compatible API (/v1/models, /v1/completions, /v1/chat/completions); greedy, one request at a time.")
        {
            model, name, urls, provider, tokenizer, maxBody,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var directory = parse.GetRequiredValue(model);
            return ServeAsync(
                parse,
                directory,
                parse.GetValue(provider),
                parse.GetValue(tokenizer),
                new ServeOptions { ModelName = parse.GetValue(name) ?? directory.Name, Urls = parse.GetRequiredValue(urls), MaxRequestBodyBytes = parse.GetValue(maxBody) },
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> ServeAsync(
        ParseResult parse, DirectoryInfo directory, ExecutionProvider provider, PromptTokenizer tokenizer, ServeOptions options, CancellationToken cancellationToken)
    {
        if (options.MaxRequestBodyBytes < 1024)
        {
            ErrorOutput.Write(parse, $"--max-body-bytes {options.MaxRequestBodyBytes} is too small for any request: give 1024 or more");
            return ExitCodes.InvalidInput;
        }

        GenerativeModel loaded;
        try
        {
            loaded = await GenerativeModelLoader.LoadAsync(
                new GenerativeModelSpec { Path = directory.FullName, Tokenizer = tokenizer }, "--model", provider, new RunnerOptions(), NullLogger.Instance, cancellationToken);
        }
        catch (BenchmarkInputException e)
        {
            ErrorOutput.Write(parse, e.Message);
            return ExitCodes.InvalidInput;
        }

        using (loaded)
        {
            await using var app = ServeApplication.Create(loaded, options, TimeProvider.System);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                ErrorOutput.Write(parse, $"--urls {options.Urls}: cannot listen ({e.Message}); pick a free port");
                return ExitCodes.InvalidInput;
            }

            var served = app.Services.GetRequiredService<HostedModel>();
            ServeLog.Serving(app.Services.GetRequiredService<ILogger<HostedModel>>(), served.Name, served.Context, served.Card.RandomWeights, options.Urls);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving and exit 0.
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Success;
        }
    }
}
