using EnergyOperator.Contracts.Results;

namespace EnergyOperator.Cli.Trace;

/// <summary>A measured grid cell of one configuration, averaged over its repetitions: the energy of one batch.</summary>
internal sealed record GridCellEnergy(int InputTokens, int OutputTokens, double BatchJoules, bool Estimated);

/// <summary>The requests of a trace that fall in one grid cell, and their share of the energy: N / B · E_batch.</summary>
internal sealed record TraceCellShare(int InputTokens, int OutputTokens, int Requests, double BatchJoules, double Joules);

/// <summary>The trace's estimated energy over a measured grid (the study's E = Σ N/B · E_batch).</summary>
/// <param name="Clamped">Requests longer than the largest bin on either axis, counted at the largest bin: an underestimate.</param>
/// <param name="Unmeasured">Requests whose cell was not measured (past the model's context, out of memory): left out of the total.</param>
internal sealed record TraceEnergy(
    string Configuration, int BatchSize, IReadOnlyList<TraceCellShare> Cells, int Requests, int Clamped, int Unmeasured, double Joules, bool Estimated, double? SpanSeconds)
{
    public double JoulesPerRequest => Requests - Unmeasured > 0 ? Joules / (Requests - Unmeasured) : 0;

    /// <summary>
    /// Bins each request to the grid: the smallest measured input bin at least its prompt length and the smallest output length at
    /// least its output (the next bin up, so a request is never credited less work than it did), clamped at the largest bin.
    /// </summary>
    public static TraceEnergy Estimate(string configuration, int batchSize, IReadOnlyList<GridCellEnergy> grid, IReadOnlyList<TraceRequest> trace)
    {
        var inputBins = grid.Select(c => c.InputTokens).Distinct().Order().ToArray();
        var outputBins = grid.Select(c => c.OutputTokens).Distinct().Order().ToArray();
        var cells = grid.ToDictionary(c => (c.InputTokens, c.OutputTokens));
        var counts = new Dictionary<(int, int), int>();
        int clamped = 0, unmeasured = 0;
        foreach (var request in trace)
        {
            var (input, inputClamped) = BinUp(inputBins, request.InputTokens);
            var (output, outputClamped) = BinUp(outputBins, request.OutputTokens);
            clamped += inputClamped || outputClamped ? 1 : 0;
            if (!cells.ContainsKey((input, output)))
            {
                unmeasured++;
                continue;
            }

            counts[(input, output)] = counts.GetValueOrDefault((input, output)) + 1;
        }

        var shares = counts
            .Select(pair => Share(cells[pair.Key], pair.Value, batchSize))
            .OrderBy(s => s.InputTokens).ThenBy(s => s.OutputTokens)
            .ToList();
        var arrivals = trace.Where(r => r.ArrivalSeconds is not null).Select(r => r.ArrivalSeconds!.Value).ToList();
        return new TraceEnergy(
            configuration, batchSize, shares, trace.Count, clamped, unmeasured, shares.Sum(s => s.Joules),
            shares.Any(s => cells[(s.InputTokens, s.OutputTokens)].Estimated),
            arrivals.Count > 1 ? arrivals.Max() - arrivals.Min() : null);
    }

    /// <summary>The measured grid of one model × hardware × batch size, each cell's batch joules averaged over the repetitions.</summary>
    public static IReadOnlyList<GridCellEnergy> GridOf(IEnumerable<RunResult> runs) =>
        [.. runs
            .SelectMany(run => run.Generation!.Cells)
            .Where(cell => cell.NotMeasured is null)
            .GroupBy(cell => (cell.InputTokens, cell.OutputTokens))
            .Select(g => new GridCellEnergy(
                g.Key.InputTokens, g.Key.OutputTokens, g.Average(c => c.Prefill!.Joules + c.Decode!.Joules), g.Any(c => c.Prefill!.Estimated || c.Decode!.Estimated)))];

    private static TraceCellShare Share(GridCellEnergy cell, int requests, int batchSize) =>
        new(cell.InputTokens, cell.OutputTokens, requests, cell.BatchJoules, (double)requests / batchSize * cell.BatchJoules);

    private static (int Bin, bool Clamped) BinUp(int[] bins, int tokens)
    {
        foreach (var bin in bins)
        {
            if (bin >= tokens)
            {
                return (bin, false);
            }
        }

        return (bins[^1], true);
    }
}
