using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>A meter window around one phase of a grid cell.</summary>
internal static class PhaseWindow
{
    /// <summary>
    /// Runs <paramref name="work"/> once, then again until the window has lasted <paramref name="minSeconds"/> (a single batch
    /// can be far shorter than a meter's resolution: NVML's energy counter advances in steps of tens of milliseconds), and
    /// reports one repeat's share.
    /// </summary>
    public static async Task<PhaseEnergy> MeasureAsync(
        IEnergyMeter meter, string phase, Func<CancellationToken, Task> work, double minSeconds, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var window = await meter.StartWindowAsync(phase, cancellationToken);
        var started = timeProvider.GetTimestamp();
        var repeats = 0;
        try
        {
            do
            {
                await work(cancellationToken);
                repeats++;
            }
            while (timeProvider.GetElapsedTime(started).TotalSeconds < minSeconds);
        }
        catch
        {
            // Close the window so the meter is ready for the next cell; what it measured is discarded with the cell.
            await window.StopAsync(CancellationToken.None);
            throw;
        }

        var measurement = await window.StopAsync(cancellationToken);
        return new PhaseEnergy(
            measurement.TotalJoules / repeats, measurement.DurationSeconds / repeats, measurement.Estimated, measurement.Readings.Any(r => r.TooShort), repeats);
    }

    /// <summary>A one-token generation is all prefill: no decode, and no window for one.</summary>
    public static PhaseEnergy NoDecode(PhaseEnergy prefill) => new(0, 0, prefill.Estimated, TooShort: false);

    /// <summary>
    /// The decode's share of a whole generation: one batch's generation minus its prefill, each from its own window. A decode
    /// can only be repeated behind its prefill (the cache it starts from is gone once it ran), so it is not metered alone.
    /// When the windows' noise exceeds the decode (a difference below zero) it is reported as 0 and too short.
    /// </summary>
    public static PhaseEnergy Decode(PhaseEnergy generation, PhaseEnergy prefill)
    {
        var joules = generation.Joules - prefill.Joules;
        return new PhaseEnergy(
            Math.Max(joules, 0), Math.Max(generation.Seconds - prefill.Seconds, 0), generation.Estimated || prefill.Estimated,
            generation.TooShort || prefill.TooShort || joules < 0, generation.Repeats);
    }
}
