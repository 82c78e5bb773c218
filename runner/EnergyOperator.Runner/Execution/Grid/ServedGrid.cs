using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Meter;
using EnergyOperator.Runner.Models.Served;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>
/// Grid cells over HTTP: the batch's requests are sent at once, streamed, each forced to the cell's output length
/// (<c>max_tokens</c> and <c>ignore_eos</c>). The prefill window lasts until every request has its first token, the decode
/// window until the last one ends; TTFT and TPOT are the requests' own, averaged.
/// </summary>
internal sealed class ServedGrid(ServedModel model, IEnergyMeter meter) : IGridBackend
{
    public int? MaxPositions => model.Context;

    public async Task WarmupAsync(int[][] prompts, int newTokens, CancellationToken cancellationToken) =>
        await Task.WhenAll(prompts.Select(prompt => SendAsync(prompt, newTokens, firstToken: null, cancellationToken)));

    public async Task<GenerationCell> MeasureAsync(int[][] prompts, int inputTokens, int outputTokens, CancellationToken cancellationToken)
    {
        // A failed request cancels the others: the cell is not measured.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var firstTokens = prompts.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        Task<StreamedAnswer>[] answers = [];
        try
        {
            var prefill = await PhaseWindow.MeasureAsync(meter, "prefill", async _ =>
            {
                answers = [.. prompts.Select((prompt, i) => RequestAsync(prompt, outputTokens, firstTokens[i], abandon))];
                await Task.WhenAll(firstTokens.Select(first => first.Task));
            }, cancellationToken);
            var decode = await PhaseWindow.MeasureAsync(meter, "decode", _ => Task.WhenAll(answers), cancellationToken);
            var streamed = answers.Select(answer => answer.Result).ToList();
            if (streamed.FirstOrDefault(answer => answer.CompletionTokens != outputTokens) is { } short_)
            {
                throw new InvalidDataException(
                    $"the server generated {short_.CompletionTokens} tokens, not {outputTokens}: it stopped early (at end-of-sequence); serve it so that it honours ignore_eos");
            }

            return GenerationCell.Measured(inputTokens, outputTokens, prompts.Length, prefill, decode, estimate: null) with
            {
                TimeToFirstTokenSeconds = streamed.Average(answer => answer.FirstToken.TotalSeconds),
                TimePerOutputTokenSeconds = outputTokens > 1 ? streamed.Average(answer => (answer.Total - answer.FirstToken).TotalSeconds / (outputTokens - 1)) : 0,
            };
        }
        catch (Exception e) when (e is not InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            // Requests cancelled because another failed rethrow their cancellation: the cause is the failure that is not one.
            await SettleAsync(abandon, answers);
            var cause = answers.Select(answer => answer.Exception?.InnerException).FirstOrDefault(x => x is not null and not OperationCanceledException) ?? e;
            throw cause as InvalidDataException ?? new InvalidDataException(cause.Message, cause);
        }
        finally
        {
            await SettleAsync(abandon, answers);
        }
    }

    /// <summary>Cancels what is still running and waits for it, so that no request outlives its cell.</summary>
    private static async Task SettleAsync(CancellationTokenSource abandon, Task<StreamedAnswer>[] answers)
    {
        await abandon.CancelAsync();
        await Task.WhenAll(answers.Select(answer => answer.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task<StreamedAnswer> RequestAsync(int[] prompt, int outputTokens, TaskCompletionSource firstToken, CancellationTokenSource abandon)
    {
        try
        {
            return await SendAsync(prompt, outputTokens, () => firstToken.TrySetResult(), abandon.Token);
        }
        catch (Exception e)
        {
            firstToken.TrySetException(e);
            await abandon.CancelAsync();
            throw;
        }
        finally
        {
            // A request that ends without a token (a server answering nothing) releases the prefill window too.
            firstToken.TrySetResult();
        }
    }

    private Task<StreamedAnswer> SendAsync(int[] prompt, int newTokens, Action? firstToken, CancellationToken cancellationToken) =>
        model.Client.CompleteAsync(prompt, model.Encoder.Decode(prompt), newTokens, ignoreEos: true, firstToken, cancellationToken);
}
