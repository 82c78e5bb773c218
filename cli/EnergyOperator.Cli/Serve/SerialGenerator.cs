using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace EnergyOperator.Cli.Serve;

/// <summary>
/// Runs requests through the engine one at a time, in arrival order: the decoder drives one batch at a time, and batching
/// requests of different lengths together is not done (docs/llm.md). At most <see cref="ServeOptions.MaxQueuedRequests"/> wait;
/// a waiting or running request whose client goes away is dropped at its next step.
/// </summary>
internal sealed class SerialGenerator(HostedModel model, ServeOptions options) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;

    /// <summary>Each new token as it is generated, exactly <see cref="GenerationJob.MaxTokens"/> of them.</summary>
    /// <exception cref="OpenAiProblem">429 when the queue is full (thrown by the first MoveNextAsync).</exception>
    public async IAsyncEnumerable<int> GenerateAsync(GenerationJob job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > options.MaxQueuedRequests)
        {
            Interlocked.Decrement(ref _waiting);
            throw new OpenAiProblem(StatusCodes.Status429TooManyRequests, $"{options.MaxQueuedRequests} requests are already waiting: retry later", "rate_limit_exceeded", null);
        }

        try
        {
            await _turn.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            using var generation = model.Model.Decoder.Start([job.Prompt], job.MaxTokens);
            generation.Prefill(cancellationToken);
            yield return generation.Tokens[0][0];
            while (generation.DecodeStep(cancellationToken))
            {
                yield return generation.Tokens[0][generation.Generated - 1];
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
