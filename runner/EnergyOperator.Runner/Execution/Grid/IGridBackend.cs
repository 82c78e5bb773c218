using EnergyOperator.Contracts.Results.Generation;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>What a grid cell runs on: the local engine (<see cref="EngineGrid"/>) or a served model (<see cref="ServedGrid"/>).</summary>
internal interface IGridBackend
{
    /// <summary>Prompt + new tokens a request may have; null when unknown (cells are tried).</summary>
    int? MaxPositions { get; }

    /// <summary>One unmetered batch of <paramref name="prompts"/> generating <paramref name="newTokens"/> each.</summary>
    Task WarmupAsync(int[][] prompts, int newTokens, CancellationToken cancellationToken);

    /// <summary>The cell's batch in a <c>prefill</c> and a whole-<c>generation</c> window, each repeated to <c>minWindowSeconds</c>; the decode is their difference.</summary>
    /// <exception cref="InvalidDataException">The cell cannot run (out of memory, refused by the server); the message says why.</exception>
    Task<GenerationCell> MeasureAsync(int[][] prompts, int inputTokens, int outputTokens, CancellationToken cancellationToken);
}
