using EnergyOperator.Cli.Tests.Reports;
using EnergyOperator.Cli.Trace;

namespace EnergyOperator.Cli.Tests.Trace;

public sealed class TraceEnergyTests
{
    // E_batch at batch size 4: 32 in × 8 out = 10 J, 32 × 64 = 40 J, 512 × 8 = 80 J; 512 × 64 was not measured.
    private static readonly GridCellEnergy[] Grid = [new(32, 8, 10, false), new(32, 64, 40, false), new(512, 8, 80, false)];

    [Fact]
    public void Energy_is_the_sum_over_cells_of_requests_over_batch_size_times_batch_energy()
    {
        TraceRequest[] trace = [new(10, 8, null), new(32, 8, null), new(33, 2, null), new(20, 50, null), new(500, 8, null)];

        var energy = TraceEnergy.Estimate("gpt2/h200/b4", 4, Grid, trace);

        // Two requests in 32×8, one in 32×64, two (33 and 500 tokens: the next bin up) in 512×8.
        Assert.Equal([(32, 8, 2), (32, 64, 1), (512, 8, 2)], energy.Cells.Select(c => (c.InputTokens, c.OutputTokens, c.Requests)));
        Assert.Equal((2 / 4.0 * 10) + (1 / 4.0 * 40) + (2 / 4.0 * 80), energy.Joules, 12);
        Assert.Equal(energy.Joules / 5, energy.JoulesPerRequest, 12);
        Assert.Equal((0, 0), (energy.Clamped, energy.Unmeasured));
    }

    [Fact]
    public void A_request_past_the_largest_bin_is_clamped_to_it_and_counted()
    {
        var energy = TraceEnergy.Estimate("c", 4, Grid, [new(9000, 8, null), new(32, 4000, null)]);

        Assert.Equal(2, energy.Clamped);
        Assert.Equal((80 + 40) / 4.0, energy.Joules, 12);
    }

    [Fact]
    public void A_request_in_an_unmeasured_cell_is_left_out_and_counted()
    {
        var energy = TraceEnergy.Estimate("c", 4, Grid, [new(500, 60, null), new(32, 8, 3), new(32, 8, 7)]);

        Assert.Equal(1, energy.Unmeasured);
        Assert.Equal(2 / 4.0 * 10, energy.Joules, 12);
        Assert.Equal(energy.Joules / 2, energy.JoulesPerRequest, 12);
        Assert.Equal(4, energy.SpanSeconds);
    }

    [Fact]
    public void The_grid_of_a_configuration_averages_each_cell_over_its_repetitions()
    {
        var grid = TraceEnergy.GridOf([GenerationResults.Grid(4, prefillJoules: 4, decodeJoules: 16), GenerationResults.Grid(4, prefillJoules: 6, decodeJoules: 18, repetition: 2)]);

        Assert.Equal(3, grid.Count);
        Assert.Equal((20 + 24) / 2.0, grid.Single(c => (c.InputTokens, c.OutputTokens) == (32, 8)).BatchJoules, 12);
    }
}
