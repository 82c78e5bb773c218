using System.Collections.Concurrent;
using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Models.Served;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>
/// Grid cells over HTTP: the batch's requests are sent at once, streamed, each forced to its output length (<c>max_tokens</c>
/// and <c>ignore_eos</c>). A <c>prefill</c> window repeats the batch with one output token, a <c>generation</c> window the whole
/// batch, each until it lasts <paramref name="minWindowSeconds"/>; the decode is their difference (<see cref="PhaseWindow.Decode"/>).
/// TTFT and TPOT are the requests' own in the generation window, averaged.
/// </summary>
internal sealed class ServedGrid(ServedModel model, IEnergyMeter meter, double minWindowSeconds, TimeProvider timeProvider) : IGridBackend
{
    public int? MaxPositions => model.Context;

    public Task WarmupAsync(int[][] prompts, int newTokens, CancellationToken cancellationToken) => SendBatchAsync(prompts, newTokens, cancellationToken);

    public async Task<GenerationCell> MeasureAsync(int[][] prompts, int inputTokens, int outputTokens, CancellationToken cancellationToken)
    {
        var prefill = await PhaseWindow.MeasureAsync(
            meter, "prefill", token => SendBatchAsync(prompts, 1, token), minWindowSeconds, timeProvider, cancellationToken);
        if (outputTokens == 1)
        {
            return GenerationCell.Measured(inputTokens, outputTokens, prompts.Length, prefill, PhaseWindow.NoDecode(prefill), estimate: null);
        }

        var answers = new ConcurrentBag<StreamedAnswer>();
        var whole = await PhaseWindow.MeasureAsync(meter, "generation", async token =>
        {
            foreach (var answer in await SendBatchAsync(prompts, outputTokens, token))
            {
                answers.Add(answer);
            }
        }, minWindowSeconds, timeProvider, cancellationToken);

        return GenerationCell.Measured(inputTokens, outputTokens, prompts.Length, prefill, PhaseWindow.Decode(whole, prefill), estimate: null) with
        {
            TimeToFirstTokenSeconds = answers.Average(answer => answer.FirstToken.TotalSeconds),
            TimePerOutputTokenSeconds = answers.Average(answer => (answer.Total - answer.FirstToken).TotalSeconds / (outputTokens - 1)),
        };
    }

    /// <summary>The batch's requests at once; the first to fail cancels the others, and the cell is not measured.</summary>
    /// <exception cref="InvalidDataException">A request failed, or the server generated fewer tokens than asked.</exception>
    private async Task<StreamedAnswer[]> SendBatchAsync(int[][] prompts, int newTokens, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var requests = prompts.Select(prompt => SendAsync(prompt, newTokens, abandon)).ToArray();
        try
        {
            var answers = await Task.WhenAll(requests);
            if (answers.FirstOrDefault(answer => answer.CompletionTokens != newTokens) is { } short_)
            {
                throw new InvalidDataException(
                    $"the server generated {short_.CompletionTokens} tokens, not {newTokens}: it stopped early (at end-of-sequence); serve it so that it honours ignore_eos");
            }

            return answers;
        }
        catch (Exception e) when (e is not InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            // Requests cancelled because another failed rethrow their cancellation: the cause is the failure that is not one.
            var cause = requests.Select(request => request.Exception?.InnerException).FirstOrDefault(x => x is not null and not OperationCanceledException) ?? e;
            throw cause as InvalidDataException ?? new InvalidDataException(cause.Message, cause);
        }
    }

    private async Task<StreamedAnswer> SendAsync(int[] prompt, int newTokens, CancellationTokenSource abandon)
    {
        try
        {
            return await model.Client.CompleteAsync(prompt, model.Encoder.Decode(prompt), newTokens, ignoreEos: true, abandon.Token);
        }
        catch
        {
            await abandon.CancelAsync();
            throw;
        }
    }
}
