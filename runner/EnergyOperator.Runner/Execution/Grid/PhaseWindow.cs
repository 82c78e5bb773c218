using EnergyOperator.Contracts.Results.Generation;
using EnergyOperator.Meter;

namespace EnergyOperator.Runner.Execution.Grid;

/// <summary>A meter window around one phase of a grid cell.</summary>
internal static class PhaseWindow
{
    public static async Task<PhaseEnergy> MeasureAsync(IEnergyMeter meter, string phase, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var window = await meter.StartWindowAsync(phase, cancellationToken);
        try
        {
            await work(cancellationToken);
        }
        catch
        {
            // Close the window so the meter is ready for the next cell; what it measured is discarded with the cell.
            await window.StopAsync(CancellationToken.None);
            throw;
        }

        var measurement = await window.StopAsync(cancellationToken);
        return new PhaseEnergy(measurement.TotalJoules, measurement.DurationSeconds, measurement.Estimated, measurement.Readings.Any(r => r.TooShort));
    }
}
