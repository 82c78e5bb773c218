using EnergyOperator.Cli.Reports;
using EnergyOperator.Testing;

namespace EnergyOperator.Cli.Tests.Reports;

public sealed class GenerationReportTests
{
    /// <summary><c>ENERGY_REGENERATE_GOLDEN=1</c> rewrites the golden file from the renderer; review the diff before committing it.</summary>
    [Fact]
    public void The_markdown_of_a_generation_grid_matches_the_golden_file()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EnergyOperator.Cli.Tests", "Reports", "Golden", "generation.md");
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(GenerationResults.Report()));

        if (Environment.GetEnvironmentVariable("ENERGY_REGENERATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, markdown);
        }

        Assert.Equal(File.ReadAllText(golden), markdown);
    }

    [Fact]
    public void A_generation_run_shows_energy_only_where_accuracy_would_be()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(GenerationResults.Report()));

        Assert.Contains("| `grid-gpt2-h200-b1-r1` | succeeded | energy only |", markdown);
        Assert.Contains("(random weights: energy only)", markdown);
        Assert.DoesNotContain("best accuracy", markdown);
    }

    [Fact]
    public void Every_measured_cell_has_its_flops_tdp_ratio_beside_it_and_an_unmeasured_cell_says_why()
    {
        var markdown = MarkdownReport.Render(BenchmarkView.FromReport(GenerationResults.Report()));

        var rows = markdown.Split('\n').Where(line => line.StartsWith("| 32 |", StringComparison.Ordinal) || line.StartsWith("| 512 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, rows.Count);
        Assert.All(rows.Where(r => !r.Contains("not measured", StringComparison.Ordinal)), row => Assert.EndsWith("× |", row));
        Assert.Equal(2, rows.Count(r => r.Contains("not measured: needs 1536 positions; the model has 1024", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_grid_csv_has_a_row_per_cell_with_the_derived_figures()
    {
        var view = BenchmarkView.FromReport(GenerationResults.Report());

        var lines = GenerationGrid.RenderCsv(view).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1 + 8, lines.Length);
        Assert.StartsWith("benchmark,run,model,hardware,batchSize,repetition,inputTokens,outputTokens,notMeasured,prefillJoules", lines[0]);
        // Batch 1, 32 in, 8 out: 2 J prefill over 32 tokens, 10 J decode over 8 tokens, 12 J per request.
        Assert.StartsWith("grid,grid-gpt2-h200-b1-r1,gpt2,h200,1,1,32,8,,2,0.05,10,0.5,12,0.0625,1.25,", lines[1]);
        Assert.Contains(",false,false,true,NVIDIA H200 SXM,", lines[1]);
        Assert.Contains(ReportFiles.Renderings(view), r => r.Extension == "grid.csv");
    }

    [Fact]
    public void A_report_without_generation_gets_no_grid_file()
    {
        Assert.DoesNotContain(ReportFiles.Renderings(BenchmarkView.FromReport(SampleResults.Report())), r => r.Extension == "grid.csv");
    }
}
