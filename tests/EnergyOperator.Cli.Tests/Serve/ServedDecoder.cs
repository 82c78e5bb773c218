using EnergyOperator.Cli.Serve;
using EnergyOperator.Contracts.V1Alpha1;
using EnergyOperator.Runner.Execution;
using EnergyOperator.Runner.Models.Generative;
using EnergyOperator.Runner.Onnx.Export;
using EnergyOperator.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnergyOperator.Cli.Tests.Serve;

/// <summary>A tiny random-weight decoder (GPT-2's vocabulary, 64 positions) served in-process on a loopback port.</summary>
public sealed class ServedDecoder : IAsyncLifetime
{
    public const string ModelName = "tiny";
    public const int Context = 64;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("energy-serve-");
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public GenerativeModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RandomDecoderDirectory.WriteAsync(new DecoderArchitecture { Layers = 1, Heads = 2, HiddenSize = 16, MaxPositions = Context, Seed = 3 }, _directory.FullName, CancellationToken.None);
        Model = await GenerativeModelLoader.LoadAsync(
            new GenerativeModelSpec { Path = _directory.FullName }, "--model", ExecutionProvider.Cpu, new RunnerOptions(), NullLogger.Instance, CancellationToken.None);
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        _app = ServeApplication.Create(Model, new ServeOptions { ModelName = ModelName, Urls = url, MaxRequestBodyBytes = 64 * 1024 }, TimeProvider.System, logging => logging.ClearProviders());
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(url) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Model.Dispose();
        _directory.Delete(recursive: true);
    }
}
