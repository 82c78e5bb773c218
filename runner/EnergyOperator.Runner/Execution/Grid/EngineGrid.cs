using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Models.Generative;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>
/// Grid cells on the local engine: a <c>prefill</c> window holds the first forward pass, a <c>generation</c> window the whole
/// generation, each repeated over the same batch and buffers until it lasts <paramref name="minWindowSeconds"/>; the decode is
/// their difference (<see cref="PhaseWindow.Decode"/>).
/// </summary>
internal sealed class EngineGrid(ITokenGenerator generator, IEnergyMeter meter, double minWindowSeconds, TimeProvider timeProvider) : IGridBackend
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
        var prefill = await PhaseWindow.MeasureAsync(meter, "prefill", Run(token =>
        {
            generation.RewindToStart();
            generation.Prefill(token);
        }), minWindowSeconds, timeProvider, cancellationToken);
        if (outputTokens == 1)
        {
            return GenerationCell.Measured(inputTokens, outputTokens, prompts.Length, prefill, PhaseWindow.NoDecode(prefill), estimate: null);
        }

        var whole = await PhaseWindow.MeasureAsync(meter, "generation", Run(token =>
        {
            generation.RewindToStart();
            generation.Prefill(token);
            generation.Decode(token);
        }), minWindowSeconds, timeProvider, cancellationToken);
        var decode = PhaseWindow.Decode(whole, prefill);
        return GenerationCell.Measured(inputTokens, outputTokens, prompts.Length, prefill, decode, estimate: null);
    }

    private static Func<CancellationToken, Task> Run(Action<CancellationToken> phase) => cancellationToken =>
    {
        phase(cancellationToken);
        return Task.CompletedTask;
    };
}
