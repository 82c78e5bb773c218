using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>Grid cells on the local engine: the prefill window holds the first forward pass, the decode window the rest.</summary>
internal sealed class EngineGrid(ITokenGenerator generator, IEnergyMeter meter, TimeProvider timeProvider) : IGridBackend
{
    public int? MaxPositions => generator.MaxPositions;

    public Task WarmupAsync(int[][] prompts, int newTokens, CancellationToken cancellationToken)
    {
        generator.Generate(prompts, newTokens, timeProvider, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task<GenerationCell> MeasureAsync(int[][] prompts, int inputTokens, int outputTokens, CancellationToken cancellationToken)
    {
        using var generation = generator.Start(prompts, outputTokens);
        var prefill = await PhaseWindow.MeasureAsync(meter, "prefill", Run(generation.Prefill), cancellationToken);
        var decode = await PhaseWindow.MeasureAsync(meter, "decode", Run(generation.Decode), cancellationToken);
        return GenerationCell.Measured(inputTokens, outputTokens, prompts.Length, prefill, decode, estimate: null);
    }

    private static Func<CancellationToken, Task> Run(Action<CancellationToken> phase) => cancellationToken =>
    {
        phase(cancellationToken);
        return Task.CompletedTask;
    };
}
